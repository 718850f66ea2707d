/**
 * What kind of answer a question wants, from its wording alone. The composer
 * uses it to prefer numbered steps for "how do I …" questions.
 */
import { tokenize } from "./normalize.js";

// "hur" followed by one of these asks for an amount or a property, not a procedure.
const HUR_NOT_PROCEDURE = new Set([
  "länge", "mycket", "många", "ofta", "stor", "stort", "stora", "lång", "långt", "gammal", "gamla", "snabbt",
  "tidigt", "sent", "mkt",
]);

const PROCEDURE_PHRASES = [
  /\bvad (ska|bör|måste) (jag|vi|man) göra\b/u,
  /\bvad gör (jag|vi|man)\b/u,
  /\bhur (går|gick) (det|man) till\b/u,
  /\bgå tillväga\b/u,
  /\btillvägagångssätt\b/u,
  /\bi vilken ordning\b/u,
  /\bvilka steg\b/u,
  /\bsteg för steg\b/u,
];

/**
 * True when the question asks how to do something ("Hur gör jag en
 * orosanmälan?", "Vad ska jag göra om …", "Vilka steg …"), false for
 * "hur länge/mycket/många …" and for who/when/what questions.
 */
export function isProcedureQuestion(question: string): boolean {
  const lower = question.normalize("NFC").toLowerCase();
  if (PROCEDURE_PHRASES.some((re) => re.test(lower))) return true;
  const tokens = tokenize(lower);
  const hur = tokens.indexOf("hur");
  if (hur < 0) return false;
  const next = tokens[hur + 1];
  return next === undefined || !HUR_NOT_PROCEDURE.has(next);
}

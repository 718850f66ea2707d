/**
 * What kind of answer a question wants, from its wording alone. The composer
 * uses it to prefer numbered steps for "how do I …" questions.
 */
import { tokenize } from "./normalize.js";
import { loadWordData, wordsOf } from "./word-data.js";

// The words and phrases, each group with the reason it is there, are data: src/text/data/question.yaml.
const forms = loadWordData("question");

/** "hur" followed by one of these asks for an amount or a property, not a procedure. */
const HUR_NOT_PROCEDURE: ReadonlySet<string> = new Set(wordsOf(forms.hurNotProcedure));

/** Phrases that ask for a procedure without "hur" ("Vad ska jag göra …", "Vilka steg …"). */
const PROCEDURE_PHRASES: readonly RegExp[] = wordsOf(forms.procedurePhrases).map((p) => new RegExp(p, "u"));

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

/** Words that open a question of their own inside a longer one: "… och vad måste göras efteråt?". */
const PART_OPENERS = wordsOf(forms.partOpeners).join("|");
const PREPOSITION = `(?:(?:${wordsOf(forms.partPrepositions).join("|")})\\s+)?`;
const PART_SPLIT = new RegExp(`(?:,\\s*|\\s+)(?:och|samt)\\s+(?=${PREPOSITION}(?:${PART_OPENERS})\\b)|,\\s+(?=${PREPOSITION}(?:${PART_OPENERS})\\b)`, "iu");

/**
 * The parts of a question that asks two things ("Vem beslutar och vad måste
 * göras efteråt?", "Hur ofta …, och hur ofta …?"): split where "och", "samt"
 * or a comma is followed by a question word. A question that asks one thing
 * is one part.
 */
export function questionParts(question: string): string[] {
  const parts = question
    .split(PART_SPLIT)
    .map((p) => p.trim())
    .filter((p) => tokenize(p).length >= 2);
  return parts.length >= 2 ? parts : [question];
}

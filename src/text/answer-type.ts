/**
 * The kind of fact a question asks for, from its interrogative phrase:
 * "hur många/mycket", "vilket belopp" want a number; "när", "vilket datum",
 * "hur länge", "senast" want a time. Evidence selection prefers sentences that
 * contain such a fact; this is answer-type matching, not a list of answers.
 */
import { tokenize } from "./normalize.js";

export type AnswerType = "number" | "time" | "any";

const NUMBER_AFTER_HUR = new Set(["många", "mycket", "stor", "stort", "stora", "mkt", "hög", "högt", "låg", "lågt"]);
const TIME_AFTER_HUR = new Set(["länge", "ofta", "snart", "tidigt", "sent", "lång"]);
const NUMBER_NOUNS = new Set(["antal", "antalet", "belopp", "beloppet", "summa", "summan", "kostnad", "kostnaden", "procent", "andel", "andelen", "norm", "normen", "siffra"]);
const TIME_NOUNS = new Set(["datum", "datumet", "dag", "dagen", "år", "året", "månad", "tid", "tiden", "tidpunkt", "tidsfrist", "frist", "fristen", "deadline", "vecka", "veckan"]);
const WHICH = new Set(["vilket", "vilken", "vilka", "vilket"]);

export function expectedAnswerType(question: string): AnswerType {
  const t = tokenize(question);
  for (let i = 0; i < t.length; i++) {
    const w = t[i]!;
    const next = t[i + 1] ?? "";
    if (w === "när" || w === "senast") return "time";
    if (w === "hur" && NUMBER_AFTER_HUR.has(next)) return "number";
    if (w === "hur" && TIME_AFTER_HUR.has(next)) return "time";
    if (WHICH.has(w) && TIME_NOUNS.has(next)) return "time";
    if (WHICH.has(w) && NUMBER_NOUNS.has(next)) return "number";
    if (w === "inom" && (next === "vilken" || next === "hur")) return "time";
  }
  return "any";
}

const MONTHS = /\b(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b/iu;
const TIME_UNITS = /\b\d+\s*(dagar|dag|timmar|timme|veckor|vecka|månader|månad|år|arbetsdagar|h)\b/iu;
const TIME_WORDS = /\b(halvårsvis|kvartalsvis|årligen|månadsvis|veckovis|dagligen|omgående|genast|senast|snarast)\b/iu;

/** True when `text` contains a fact of the wanted type (a number; a date, duration or frequency). */
export function hasAnswerType(text: string, type: AnswerType): boolean {
  if (type === "any") return false;
  if (type === "number") return /\d/u.test(text);
  return MONTHS.test(text) || TIME_UNITS.test(text) || TIME_WORDS.test(text) || /\b\d{4}-\d{2}-\d{2}\b|\b(19|20)\d{2}\b/u.test(text);
}

/**
 * Nouns that name the category of the answer rather than a property of the
 * topic ("vilket område", "vilken typ"): the answer need not contain them.
 */
const CATEGORY_NOUNS = new Set([
  "område", "området", "typ", "typer", "sort", "sorts", "slag", "slags", "del", "delar", "sätt", "kommun", "kommuner",
  "myndighet", "myndigheter", "person", "personer", "roll", "enhet", "enheter", "funktion", "alternativ", "fall",
]);
const HUR_PROPERTY = new Set(["stor", "stort", "stora", "många", "mycket", "hög", "högt", "höga", "lång", "långt", "långa"]);

/**
 * The thing a "vilken X" / "hur stor X" / "hur många X" question asks about:
 * X, or the last part of a hyphenated compound ("AI-leverantör" → leverantör).
 * Null when there is none or X only names the answer's category or type.
 */
export function questionFocus(question: string): string | null {
  const lower = question.normalize("NFC").toLowerCase();
  const m =
    /\b(?:vilken|vilket|vilka)\s+([\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*)/u.exec(lower) ??
    new RegExp(`\\bhur\\s+(?:${[...HUR_PROPERTY].join("|")})\\s+([\\p{L}\\p{N}]+(?:-[\\p{L}\\p{N}]+)*)`, "u").exec(lower);
  if (!m) return null;
  const word = m[1]!.split("-").pop()!;
  if (word.length < 3 || CATEGORY_NOUNS.has(word) || TIME_NOUNS.has(word) || NUMBER_NOUNS.has(word)) return null;
  return word;
}

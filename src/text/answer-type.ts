/**
 * The kind of fact a question asks for, from its interrogative phrase:
 * "hur många/mycket", "vilket belopp" want a number; "när", "vilket datum",
 * "hur länge", "senast" want a time. Evidence selection prefers sentences that
 * contain such a fact; this is answer-type matching, not a list of answers.
 */
import { tokenize } from "./normalize.js";
import { isStopword } from "./stopwords.js";
import { loadWordData, wordsOf, type WordGroup } from "./word-data.js";

export type AnswerType = "number" | "time" | "frequency" | "reason" | "any";

// The cue words, each group with the reason it is there, are data: src/text/data/answer-type.yaml.
const cues = loadWordData("answerType");
const NUMBER_AFTER_HUR: ReadonlySet<string> = new Set(wordsOf(cues.numberAfterHur));
const TIME_AFTER_HUR: ReadonlySet<string> = new Set(wordsOf(cues.timeAfterHur));
const NUMBER_NOUNS: ReadonlySet<string> = new Set(wordsOf(cues.numberNouns));
const TIME_NOUNS: ReadonlySet<string> = new Set(wordsOf(cues.timeNouns));
const WHICH: ReadonlySet<string> = new Set(wordsOf(cues.which));

export function expectedAnswerType(question: string): AnswerType {
  const t = tokenize(question);
  for (let i = 0; i < t.length; i++) {
    const w = t[i]!;
    const next = t[i + 1] ?? "";
    // "När …?" asks for a time; "Vad gör jag när …" does not.
    if ((w === "när" || w === "senast") && (i === 0 || (i === 1 && (t[0] === "och" || t[0] === "men")))) return "time";
    if (w === "hur" && NUMBER_AFTER_HUR.has(next)) return "number";
    if (w === "hur" && next === "ofta") return "frequency";
    if (w === "hur" && TIME_AFTER_HUR.has(next)) return "time";
    if (WHICH.has(w) && TIME_NOUNS.has(next)) return "time";
    if (WHICH.has(w) && NUMBER_NOUNS.has(next)) return "number";
    if (w === "kostar" || w === "kostade") return "number";
    if (w === "varför" || (w === "vilken" && next === "anledning") || (w === "vad" && next === "beror")) return "reason";
    if (w === "inom" && (next === "vilken" || next === "hur")) return "time";
  }
  return "any";
}

/**
 * The question's words that only say what kind of answer is wanted: "lång"
 * in "hur lång tid", "ofta" in "hur ofta", "sent" in "hur sent". They tell
 * retrieval nothing about the topic; a passage that merely repeats them
 * ("under längre tid") is no better for it. The noun after them stays: "tid"
 * may be the topic too ("handläggningstiden").
 */
export function answerPhraseTokens(question: string): Set<string> {
  const t = tokenize(question);
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) {
    const next = t[i + 1]!;
    if (t[i] === "hur" && (NUMBER_AFTER_HUR.has(next) || TIME_AFTER_HUR.has(next) || next === "ofta")) out.add(next);
  }
  return out;
}

/** "a|b|c" of a list's words (letters and spaces only, checked by the loader). */
const alternatives = (list: readonly WordGroup[]): string => wordsOf(list).join("|");
/** One of the words, not inside a longer word. */
const wordRegExp = (list: readonly WordGroup[]): RegExp => new RegExp(`(?<![\\p{L}])(${alternatives(list)})(?![\\p{L}])`, "iu");
const NUMBER_WORDS = wordRegExp(cues.numberWords);
const REASON_CUES = wordRegExp(cues.reasonCues);
const MONTHS = wordRegExp(cues.months);
const COUNT = `(?:\\d+|${alternatives(cues.countWords)})`;
// Lookarounds instead of \b: \b is ASCII-only and fails next to å, ä, ö.
const TIME_UNITS = new RegExp(`(?<![\\p{L}\\p{N}])${COUNT}\\s*(?:${alternatives(cues.timeUnits)})(?![\\p{L}])`, "iu");
const TIME_WORDS = wordRegExp(cues.timeWords);
const FREQUENCY = new RegExp(
  `(?<![\\p{L}])(?:(?:halvårs|kvartals|månads|vecko|dygns|tim|års)vis|(?:år|dag|månat|tim)ligen|varje\\s+\\p{L}+|per\\s+(?:dag|vecka|månad|kvartal|år|termin)|${COUNT}\\s+gång(?:er)?|löpande|kontinuerligt` +
    // "vart 3:e år", "var tredje månad", "varannan vecka", "1 ggr/v", "2 ggr per år"
    `|var(?:t|annan|annat)?\\s+(?:\\d+:?[ae]|\\p{L}+)\\s+(?:år|månad|vecka|dag|dygn|termin|kvartal)|varann(?:an|at)\\s+\\p{L}+|\\d+\\s*ggr\\.?(?:\\s*\\/\\s*\\p{L}+)?)(?![\\p{L}])`,
  "iu",
);

/** True when `text` contains a fact of the wanted type (a number; a date, duration or frequency). */
export function hasAnswerType(text: string, type: AnswerType): boolean {
  if (type === "any") return false;
  // List and section numbers ("5. Familjehemsgruppen …", "2.3 Ansvar") are not facts.
  text = text
    .replace(/^[ \t]*\d+(?:\.\d+)*[.)]?[ \t]+/gmu, "")
    // Table rows numbered like sections ("6.1 | …") and legal references ("9 § 3–7 LSS", "26 kap.") are not facts either.
    .replace(/(?<![\p{L}\p{N}])\d+(?:\.\d+)*\s*\|/gu, "|")
    .replace(/\d+\s*(?:[a-z]\s*)?(?:§§?|kap\.?)(?:\s*\d+(?:\s*[–-]\s*\d+)?(?:\s*(?:p\.|st\.|punkt))?)?/gu, "")
    .replace(/\d+(?:\s*[–-]\s*\d+)?\s+(?=\p{Lu}{2,5}(?![\p{L}]))/gu, "")
    // Statute numbers "(1988:870)" point to a law; "omedelbart omhändertagande" (LVU) names a measure, not a time.
    .replace(/\(?\b(?:19|20)\d{2}:\d+\)?/gu, "")
    .replace(/omedelbar[at]?\s+omhänderta\p{L}*/giu, "");
  if (type === "number") return /\d/u.test(text) || NUMBER_WORDS.test(text);
  if (type === "reason") return REASON_CUES.test(text);
  if (type === "frequency") return FREQUENCY.test(text);
  return MONTHS.test(text) || TIME_UNITS.test(text) || TIME_WORDS.test(text) || /\b\d{4}-\d{2}-\d{2}\b|\b(19|20)\d{2}\b/u.test(text);
}

/**
 * Nouns that name the category of the answer rather than a property of the
 * topic ("vilket område", "vilken typ"): the answer need not contain them.
 */
const CATEGORY_NOUNS: ReadonlySet<string> = new Set(wordsOf(cues.categoryNouns));
const HUR_PROPERTY: ReadonlySet<string> = new Set(wordsOf(cues.hurProperty));

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
  // "Vilka ska jag kontakta?": the word after "vilka" is a verb, and the question names no thing.
  if (word.length < 3 || isStopword(word) || CATEGORY_NOUNS.has(word) || TIME_NOUNS.has(word) || NUMBER_NOUNS.has(word)) return null;
  return word;
}

/** Nouns that name what kind of answer is wanted (a date, an amount, an area), not what it is about. */
export function isAnswerTypeNoun(word: string): boolean {
  return CATEGORY_NOUNS.has(word) || TIME_NOUNS.has(word) || NUMBER_NOUNS.has(word);
}

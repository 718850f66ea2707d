/**
 * Swedish function words that carry no retrieval signal. Question words are
 * stopwords for retrieval, but the composer wants to know the question type,
 * so they are also exported on their own. The words, in groups each with the
 * reason it is there, are data: src/text/data/stopwords.yaml.
 */
import { loadWordData, wordsOf } from "./word-data.js";

const data = loadWordData("stopwords");

/** Interrogatives; they say what kind of answer is wanted (how, who, when …). */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(wordsOf(data.questionWords));

/** All stopwords (function words and question words), lower-case NFC. */
export const STOPWORDS: ReadonlySet<string> = new Set([...wordsOf(data.functionWords), ...QUESTION_WORDS]);

/** True when `token` (lower-cased) is a stopword. */
export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

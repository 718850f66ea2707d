/**
 * Follow-up questions ("Och vem beslutar om det?") lack the topic; retrieval
 * needs it. When the new question is elliptical, the earlier user questions
 * become its context: retrieval adds their words at a lower weight than the
 * question's own (src/query/analysis.ts), so the topic comes from the history
 * and the point of the question from the question. A question that names its
 * own topic is left alone, so an unrelated earlier turn cannot steer it
 * ("Vilka omfattas av LSS?" after a question about holidays).
 *
 * Elliptical, by form rather than by topic lists:
 * - it opens with a conjunction or "då" ("Och för barn?", "Men om det sker på natten?"); or
 * - it has no topic word of its own (no noun by the hunspell word class of
 *   its lemma, no word the dictionary does not know such as LSS or
 *   munvård) and either at most one content word ("Hur ofta?", "Vem
 *   betalar?", "Till vem?") or a pronoun or deictic standing in for the
 *   topic ("Vem gör det?", "Hur ofta ska den följas upp?").
 */
import { tuning } from "../config/tuning.js";
import type { ChatTurn } from "../core/schemas.js";
import { readFileSync } from "node:fs";
import { dictionaryFiles } from "../text/compounds.js";
import { createCompoundLexicon, isStopword, lemmasOf, QUESTION_WORDS, splitCompound, tokenize, wordList, type CompoundLexicon } from "../text/index.js";

// The opening words and the pronouns, each group with the reason it is there, are data: src/text/data/follow-up.yaml.
/** A question opening with one of these continues the conversation ("Och för barn?"). */
const OPENERS: ReadonlySet<string> = new Set(wordList("followUp", "openers"));
/** Pronouns and deictics that stand in for an earlier topic ("Vem gör det?"). */
const ANAPHORA: ReadonlySet<string> = new Set(wordList("followUp", "anaphora"));
/** A question with at most this many content words has no topic of its own (tuning.ts, followUp). */
const MAX_TOPICLESS_CONTENT_WORDS = tuning.followUp.maxTopiclessContentWords;

let lexicon: CompoundLexicon | undefined;
let nouns: Set<string> | undefined;

/**
 * Dictionary headwords that inflect as nouns: hunspell's noun class (A) and
 * none of the verb (m M N K L) or adjective (O k Q) classes ("tolk/AbDG",
 * "orosanmälan/A", not "betala/ADmNOPTY" or "stor/kOQ").
 */
function nounHeadwords(): Set<string> {
  const out = new Set<string>();
  const lines = readFileSync(dictionaryFiles().dic, "utf8").split("\n");
  for (let i = 1; i < lines.length; i++) {
    const entry = lines[i]!.split(/\s/u)[0]!;
    const slash = entry.indexOf("/");
    if (slash < 0) continue;
    const flags = entry.slice(slash + 1);
    if (flags.includes("A") && !/[mMNKLOkQ]/u.test(flags)) out.add(entry.slice(0, slash).toLowerCase());
  }
  return out;
}

const isNounForm = (word: string): boolean => {
  nouns ??= nounHeadwords();
  return nouns.has(word) || lemmasOf(word).some((l) => nouns!.has(l));
};

/**
 * A word that can carry a topic: a noun by itself, its lemma or a compound's
 * last part ("tolk", "nycklar", "munvård", "orosanmälan"), or a word the
 * dictionary does not know (abbreviations such as LSS, names).
 */
function isTopicWord(token: string): boolean {
  if (token.length < 2 || /^\d+$/u.test(token)) return false;
  if (lemmasOf(token).length === 0 && !(nouns ??= nounHeadwords()).has(token)) {
    const parts = splitCompound(token, (lexicon ??= createCompoundLexicon()));
    return parts.length > 1 ? isNounForm(parts[parts.length - 1]!) : token.length >= 3;
  }
  return isNounForm(token);
}

/** True when the question leans on an earlier one for its topic. */
export function isElliptical(question: string): boolean {
  const tokens = tokenize(question);
  if (tokens.length === 0) return false;
  if (OPENERS.has(tokens[0]!)) return true;
  const content = tokens.filter((t) => !isStopword(t) && !QUESTION_WORDS.has(t));
  if (content.some(isTopicWord)) return false;
  return content.length <= MAX_TOPICLESS_CONTENT_WORDS || tokens.some((t) => ANAPHORA.has(t));
}

/** Earlier user questions taken as context at most (the chain "Och vem …?" → "Hur länge …?" → topic; tuning.ts, followUp). */
const MAX_CONTEXT_QUESTIONS = tuning.followUp.maxContextQuestions;

/**
 * The earlier user questions an elliptical follow-up leans on, oldest first,
 * joined by newlines; null for a standalone question or no history. Walks
 * back past questions that are themselves elliptical, so "Vem beslutar om
 * det?" → "Hur länge gäller det?" still reaches the topic two turns back.
 */
export function followUpContext(question: string, history: ChatTurn[] = []): string | null {
  if (!isElliptical(question)) return null;
  const earlier = history.filter((t) => t.role === "user").map((t) => t.content);
  const taken: string[] = [];
  for (let i = earlier.length - 1; i >= 0 && taken.length < MAX_CONTEXT_QUESTIONS; i--) {
    taken.unshift(earlier[i]!);
    if (!isElliptical(earlier[i]!)) break;
  }
  return taken.length > 0 ? taken.join("\n") : null;
}

/** The follow-up with its context in front, as one text (for the dense embedding and full-text search). */
export function withContext(question: string, context: string | null | undefined): string {
  return context ? `${context}\n${question}` : question;
}

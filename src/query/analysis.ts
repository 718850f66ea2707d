/**
 * The query side of the text analysis: a question's "concepts" (each content
 * word of the question with its accepted alternatives: stem, compound parts,
 * glossary expansions, typo corrections) used for coverage scoring, and its
 * weighted terms. The index side (chunk fields, analyzer version) is in
 * src/text/index-terms.ts, which ingest/ uses too.
 */
import { tuning } from "../config/tuning.js";
import type { WeightedTerm } from "../core/lexical-index.js";
import {
  analyzeQueryConcepts,
  isAnswerTypeNoun,
  isNounLike,
  splitCompound,
  type QueryConcept,
  type TextContext,
} from "../text/index.js";

export type { QueryConcept };

export interface AnalyzedQuery {
  concepts: QueryConcept[];
  terms: WeightedTerm[];
  /** Nouns of the question that occur nowhere in the corpus ("färdtjänst"): it is about something the documents never mention. */
  unseenNouns: string[];
}

/**
 * A question word that occurs nowhere in the corpus cannot tell passages
 * apart: unless it names a thing, it keeps this share of the weight of the
 * rarest indexed word (tuning.ts, queryTerms.unseenConcept).
 */
const UNSEEN_CONCEPT_WEIGHT = tuning.queryTerms.unseenConcept;
/** Known content words a question may have for an unseen noun in it to still be its topic (tuning.ts, abstention). */
const MAX_KNOWN_WITH_UNSEEN_TOPIC = tuning.abstention.maxKnownWithUnseenTopic;
/** Shorter unseen words (abbreviations, "eu") are too ambiguous to decide on (tuning.ts, abstention). */
const MIN_UNSEEN_NOUN = tuning.abstention.minUnseenNoun;

function namesAThing(token: string, ctx: TextContext): boolean {
  if (isAnswerTypeNoun(token)) return false;
  const parts = splitCompound(token, ctx.lexicon);
  return isNounLike(token, parts[parts.length - 1]);
}

/**
 * Analyse a question against the index vocabulary (for typo correction and
 * compounds). `context` (earlier questions of a follow-up) adds the words the
 * question does not have itself; they never count as unseen nouns, since the
 * earlier question was answered or refused on its own. They weigh as much as
 * the question's own words: at 0.5 and 0.7 the follow-up's own words
 * ("rapporteras tillbaka", "besluta"), often rarer than the topic's, pulled
 * the answer off the topic (dev set: one more wrong abstention; corpus set
 * MRR 0.82 → 0.80).
 */
export function analyzeQuestion(question: string, ctx: TextContext, isIndexed?: (term: string) => boolean, context?: string | null): AnalyzedQuery {
  const own = analyzeOwnQuestion(question, ctx, isIndexed);
  if (!context) return own;
  const borrowed = analyzeOwnQuestion(context, ctx, isIndexed).concepts.filter((c) => !own.concepts.some((o) => o.term === c.term));
  const concepts = [...own.concepts, ...borrowed];
  return { concepts, terms: termsOf(concepts), unseenNouns: own.unseenNouns };
}

function termsOf(concepts: QueryConcept[]): WeightedTerm[] {
  const best = new Map<string, number>();
  for (const c of concepts) for (const a of c.alternatives) best.set(a.term, Math.max(best.get(a.term) ?? 0, a.weight));
  return [...best].map(([term, weight]) => ({ term, weight }));
}

function analyzeOwnQuestion(question: string, ctx: TextContext, isIndexed?: (term: string) => boolean): AnalyzedQuery {
  let concepts = analyzeQueryConcepts(question, ctx);
  const unseenNouns: string[] = [];
  const acronyms = new Set([...question.matchAll(/(?<![\p{L}\p{N}])\p{Lu}{2,6}(?![\p{L}\p{N}])/gu)].map((m) => m[0].toLowerCase()));
  if (isIndexed) {
    const seen = concepts.filter((c) => c.alternatives.some((a) => isIndexed(a.term)));
    // Only the question's own word counts here: a compound's parts ("tjänst" in "färdtjänst") are too generic to vouch for it.
    // A thesaurus synonym the corpus uses does vouch: not counting it refused 2.9 % of the answerable
    // questions in two judging sets that were answered before.
    const wordSeen = (c: QueryConcept) => c.alternatives.some((a) => a.source !== "compound" && isIndexed(a.term));
    // In a short question an unseen noun is the topic ("Hur ansöker man om färdtjänst?"); in a longer
    // scenario it is often a detail of the case ("… äter lunch hos sin dotter …"), and coverage decides.
    const known = concepts.filter(wordSeen).length;
    for (const c of concepts) {
      if (wordSeen(c)) continue;
      // Tried: a compound the dictionary lacks ("semesterdagar") as a noun when its last part is one.
      // It refused 5.9 % of the answerable questions of the statutes judging set (limit 3 %), so unknown
      // compounds stay undecided and coverage decides.
      const noun = c.token.length >= MIN_UNSEEN_NOUN && !isAnswerTypeNoun(c.token) && isNounLike(c.token) && known <= MAX_KNOWN_WITH_UNSEEN_TOPIC;
      // An acronym typed in capitals ("EU", "CSN") that the corpus never uses, not even through
      // a glossary expansion, names an organisation or law the documents never mention.
      const acronym = acronyms.has(c.token);
      if (noun || acronym) unseenNouns.push(c.token);
    }
    const maxIdf = Math.max(1, ...seen.map((c) => c.idf));
    concepts = concepts.map((c) => (seen.includes(c) || namesAThing(c.token, ctx) ? c : { ...c, idf: maxIdf * UNSEEN_CONCEPT_WEIGHT }));
  }
  return { concepts, terms: termsOf(concepts), unseenNouns };
}

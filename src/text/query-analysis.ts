/**
 * A question into weighted query terms, one concept per content word. The
 * steps run in a fixed order, since a term found by two steps keeps the
 * weight and source of the first unless a later one weighs more: own terms
 * and typo corrections, glossary expansions, lemmas and synonyms, then the
 * shares of words that are not topics of their own (answer phrases,
 * particles).
 */
import { answerPhraseTokens } from "./answer-type.js";
import { tokenize } from "./normalize.js";
import { Alternatives, type QueryTerm } from "./query-alternatives.js";
import { addGlossaryExpansions, type GlossaryHit } from "./query-glossary.js";
import { addLemmaAndSynonyms } from "./query-lemma-synonyms.js";
import { addParticleVerbs } from "./query-particles.js";
import { addOwnTermsAndCorrections, type QueryCorrection } from "./query-typos.js";
import { ANSWER_PHRASE_WEIGHT } from "./query-weights.js";
import { QUESTION_WORDS } from "./stopwords.js";
import { defaultTextContext, termFor, type TextContext } from "./text-context.js";
import { isContentToken } from "./terms.js";

/**
 * One content word of the question with every index term that would count as
 * finding it: its own term (1), compound parts, glossary expansions and typo
 * corrections (lower weights). Coverage scoring takes the best alternative.
 */
export interface QueryConcept {
  /** The word as typed (lower-case). */
  token: string;
  /** Its own index term. */
  term: string;
  /** Inverse document frequency of `term` (from the context; 1 without one). */
  idf: number;
  alternatives: QueryTerm[];
}

export interface QueryAnalysis {
  /** Distinct terms with their highest weight, in order of first appearance. */
  terms: QueryTerm[];
  concepts: QueryConcept[];
  /** Content tokens of the question as typed (lower-case). */
  tokens: string[];
  /** Question words found (hur, vem, när …), for the composer. */
  questionWords: string[];
  /** Typo corrections applied. */
  corrections: QueryCorrection[];
  /** Glossary phrases recognised and what they added. */
  glossary: GlossaryHit[];
}

/**
 * Analyse a question into concepts, one per content word. See
 * {@link QueryConcept}; {@link analyzeQuery} adds the flat term list.
 */
export function analyzeQueryConcepts(text: string, ctx: TextContext = defaultTextContext()): QueryConcept[] {
  return analyzeQuery(text, ctx).concepts;
}

/**
 * Weighted query terms for a question: its own terms (weight 1), compound
 * parts (0.5), glossary expansions (0.7) and typo corrections against the
 * vocabulary (0.6), grouped per question word in `concepts`.
 */
export function analyzeQuery(text: string, ctx: TextContext = defaultTextContext()): QueryAnalysis {
  const words = tokenize(text);
  const tokens = words.filter(isContentToken);
  const alts = tokens.map(() => new Alternatives());
  const { corrected, corrections } = addOwnTermsAndCorrections(tokens, alts, ctx);
  const glossary = addGlossaryExpansions(tokens, corrected, alts, ctx);
  corrected.forEach((word, i) => {
    addLemmaAndSynonyms(alts[i]!, word, ctx);
  });
  const shares = answerPhraseShares(text, tokens);
  addParticleVerbs(words, alts, shares, ctx);
  const concepts = conceptsOf(tokens, alts, shares, ctx);
  return {
    terms: mergedTerms(concepts),
    concepts,
    tokens,
    questionWords: words.filter((t) => QUESTION_WORDS.has(t)),
    corrections,
    glossary,
  };
}

/** Words that only ask for a kind of answer keep a share of their weight, by content-token position. */
function answerPhraseShares(text: string, tokens: string[]): Map<number, number> {
  const shares = new Map<number, number>();
  const phrase = answerPhraseTokens(text);
  tokens.forEach((token, i) => {
    if (phrase.has(token)) shares.set(i, ANSWER_PHRASE_WEIGHT);
  });
  return shares;
}

function conceptsOf(tokens: string[], alts: Alternatives[], shares: ReadonlyMap<number, number>, ctx: TextContext): QueryConcept[] {
  const concepts: QueryConcept[] = [];
  const seen = new Set<string>();
  tokens.forEach((token, i) => {
    const term = termFor(token, ctx.features);
    // A word typed twice is one concept.
    if (seen.has(term)) return;
    seen.add(term);
    const share = shares.get(i) ?? 1;
    concepts.push({ token, term, idf: ctx.idf(term) * share, alternatives: alts[i]!.list().map((a) => ({ ...a, weight: a.weight * share })) });
  });
  return concepts;
}

function mergedTerms(concepts: QueryConcept[]): QueryTerm[] {
  const merged = new Alternatives();
  for (const c of concepts) for (const a of c.alternatives) merged.add(a.term, a.weight, a.source);
  return merged.list();
}

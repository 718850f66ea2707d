/**
 * Bridges the Swedish text module and the index: the same analysis for
 * indexing chunks and for questions, and the query's "concepts" (each
 * content word of the question with its accepted alternatives: stem, compound
 * parts, glossary expansions, typo corrections) used for coverage scoring.
 */
import type { Chunk } from "../core/schemas.js";
import type { FieldTerms, WeightedTerm } from "../core/lexical-index.js";
import type { Config } from "../config/env.js";
import {
  analyzeForIndex,
  analyzeQueryConcepts,
  analyzerVersion,
  type QueryConcept,
  type TextContext,
  type TextFeatures,
} from "../text/index.js";

export type { QueryConcept };

/** Text analysis steps in force for a configuration (all on unless ablated). */
export function textFeatures(config: Pick<Config, "ablate">): TextFeatures {
  const off = new Set<string>(config.ablate);
  return { stemming: !off.has("stemming"), compounds: !off.has("compounds"), glossary: !off.has("glossary"), typos: !off.has("typos") };
}

/** Recorded in the manifest: lexical terms from another analyzer would not match. */
export function analyzerVersionFor(config: Pick<Config, "ablate">): string {
  return analyzerVersion(textFeatures(config));
}

/** Analyse one chunk's fields for the lexical index. */
export function analyzeChunkFields(chunk: Chunk, ctx?: TextContext): FieldTerms {
  return {
    body: analyzeForIndex(chunk.text, ctx),
    heading: analyzeForIndex(chunk.headingPath.join(" "), ctx),
    title: analyzeForIndex(chunk.title, ctx),
  };
}

export interface AnalyzedQuery {
  concepts: QueryConcept[];
  terms: WeightedTerm[];
}

/**
 * A question word that occurs nowhere in the corpus cannot tell passages apart
 * and is more often phrasing ("hölls", "faktiskt") than substance; it keeps
 * this share of the weight of the rarest indexed word in coverage.
 */
export const UNSEEN_CONCEPT_WEIGHT = 0.35;

/** Analyse a question against the index vocabulary (for typo correction and compounds). */
export function analyzeQuestion(question: string, ctx: TextContext, isIndexed?: (term: string) => boolean): AnalyzedQuery {
  let concepts = analyzeQueryConcepts(question, ctx);
  if (isIndexed) {
    const seen = concepts.filter((c) => c.alternatives.some((a) => isIndexed(a.term)));
    const maxIdf = Math.max(1, ...seen.map((c) => c.idf));
    concepts = concepts.map((c) => (seen.includes(c) ? c : { ...c, idf: maxIdf * UNSEEN_CONCEPT_WEIGHT }));
  }
  const best = new Map<string, number>();
  for (const c of concepts) for (const a of c.alternatives) best.set(a.term, Math.max(best.get(a.term) ?? 0, a.weight));
  return { concepts, terms: [...best].map(([term, weight]) => ({ term, weight })) };
}

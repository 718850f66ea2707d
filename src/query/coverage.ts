/**
 * How much of the question a passage (or sentence) covers: the idf-weighted
 * share of the question's concepts present in it, each concept counting with
 * the weight of its best matching alternative. This is the main abstention
 * signal: a passage sharing only common words with the question scores low.
 */
import type { QueryConcept } from "./analysis.js";

/** Anything that can say whether it holds a term: a Set, or a chunk's postings in the lexical index. */
export interface TermSet {
  has(term: string): boolean;
}

export function coverage(concepts: QueryConcept[], terms: TermSet): number {
  let total = 0;
  let got = 0;
  for (const c of concepts) {
    total += c.idf;
    let best = 0;
    for (const a of c.alternatives) if (a.weight > best && terms.has(a.term)) best = a.weight;
    got += c.idf * best;
  }
  return total > 0 ? got / total : 0;
}

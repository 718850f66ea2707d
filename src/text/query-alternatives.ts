/**
 * The index terms that count as finding one word of a question, each with a
 * weight and where it came from. Every step of the query analysis adds to a
 * word's alternatives; a term found twice keeps its highest weight.
 */
import { COMPOUND_PART_WEIGHT } from "./query-weights.js";
import { partsOf, termFor, type TextContext } from "./text-context.js";

/** Where a query term came from, for explanations and debugging. */
export type QueryTermSource = "query" | "compound" | "glossary" | "correction" | "particle" | "lemma" | "thesaurus";

export interface QueryTerm {
  term: string;
  weight: number;
  source: QueryTermSource;
}

export class Alternatives {
  readonly byTerm = new Map<string, QueryTerm>();
  add(term: string, weight: number, source: QueryTermSource): void {
    const prev = this.byTerm.get(term);
    if (!prev || weight > prev.weight) this.byTerm.set(term, { term, weight, source });
  }
  list(): QueryTerm[] {
    return [...this.byTerm.values()];
  }
}

/** A word's own term at `weight`, and its compound parts' terms at a share of it. */
export function addWord(alts: Alternatives, word: string, weight: number, source: QueryTermSource, ctx: TextContext): void {
  const whole = termFor(word, ctx.features);
  alts.add(whole, weight, source);
  for (const part of partsOf(word, ctx)) {
    const t = termFor(part, ctx.features);
    if (t !== whole) alts.add(t, weight * COMPOUND_PART_WEIGHT, source === "query" ? "compound" : source);
  }
}

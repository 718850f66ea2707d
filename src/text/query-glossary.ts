/**
 * The glossary step of the query analysis: abbreviations and synonyms from
 * the glossary ("EB" → "ekonomiskt bistånd") become alternatives of the words
 * they were found on, in the question as typed and, more weakly, as corrected.
 */
import { findGlossaryMatches } from "./glossary.js";
import { addWord, type Alternatives } from "./query-alternatives.js";
import { CORRECTION_WEIGHT, GLOSSARY_WEIGHT } from "./query-weights.js";
import { termFor, type TextContext } from "./text-context.js";
import { contentTokens, termOf } from "./terms.js";

/** A glossary phrase recognised in the question and what it added. */
export interface GlossaryHit {
  term: string;
  expansions: string[];
}

/** Adds the glossary expansions of `tokens` (and of `corrected`, where it differs) to their alternatives. */
export function addGlossaryExpansions(tokens: string[], corrected: string[], alts: Alternatives[], ctx: TextContext): GlossaryHit[] {
  const hits: GlossaryHit[] = [];
  expand(tokens, 1, alts, hits, ctx);
  if (corrected.some((t, i) => t !== tokens[i])) expand(corrected, CORRECTION_WEIGHT, alts, hits, ctx);
  return hits;
}

function expand(sequence: string[], factor: number, alts: Alternatives[], hits: GlossaryHit[], ctx: TextContext): void {
  for (const match of findGlossaryMatches(sequence.map(termOf), ctx.glossary)) {
    if (!hits.some((h) => h.term === match.term)) hits.push({ term: match.term, expansions: match.expansions });
    for (const phrase of match.expansions) {
      const words = contentTokens(phrase);
      // Back to an abbreviation or synonym ("ekonomiskt bistånd" → "EB", "socialbidrag"):
      // only single words, spelling variants like "ek bistånd" add nothing but noise.
      if (match.reverse && words.length !== 1) continue;
      // Long expansions ("lagen om stöd och service …") should not outweigh the question.
      const weight = GLOSSARY_WEIGHT * factor * Math.min(1, Math.sqrt(2 / Math.max(1, words.length)));
      for (let i = match.start; i < match.end; i++) {
        for (const w of words) {
          // For a reverse match the word itself is the signal; its parts would be noise.
          if (match.reverse) alts[i]!.add(termFor(w, ctx.features), weight, "glossary");
          else addWord(alts[i]!, w, weight, "glossary", ctx);
        }
      }
    }
  }
}

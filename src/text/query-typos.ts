/**
 * The first step of the query analysis: each content word's own terms, and
 * for a word the corpus does not know, its closest corrections from the
 * vocabulary. A known long word also meets its one-edit spelling variants.
 */
import { MIN_CORRECTABLE_LENGTH, type FuzzyCorrection } from "./fuzzy.js";
import { addWord, type Alternatives } from "./query-alternatives.js";
import { CORRECTION_WEIGHT, MAX_CORRECTIONS_PER_TOKEN, MIN_VARIANT_LENGTH, QUERY_WEIGHT, VARIANT_WEIGHT } from "./query-weights.js";
import { termFor, type TextContext } from "./text-context.js";

/** A typo correction applied to a question word. */
export interface QueryCorrection {
  from: string;
  to: string;
  distance: number;
}

/**
 * Adds each token's own terms and corrections to its alternatives. Returns
 * the question as corrected (a token without correction stays as typed) and
 * the corrections applied.
 */
export function addOwnTermsAndCorrections(
  tokens: string[],
  alts: Alternatives[],
  ctx: TextContext,
): { corrected: string[]; corrections: QueryCorrection[] } {
  const corrections: QueryCorrection[] = [];
  const corrected = tokens.map((token, i) => {
    const alt = alts[i]!;
    const best = token.length < MIN_CORRECTABLE_LENGTH || !/^\p{L}+$/u.test(token) || isKnown(token, ctx) ? [] : correctionsFor(token, ctx);
    // A near-certain typo ("ekonomsikt") splits into nonsense parts ("ekonom" + "sikt"):
    // keep its own term but take the parts from the correction instead.
    if (best.length > 0 && best[0]!.distance <= 1) alt.add(termFor(token, ctx.features), QUERY_WEIGHT, "query");
    else addWord(alt, token, QUERY_WEIGHT, "query", ctx);
    for (const c of best) {
      corrections.push({ from: token, to: c.term, distance: c.distance });
      // The vocabulary may hold index terms (already final: use as is) or words (analyse them).
      if (termFor(c.term, ctx.features) === c.term) alt.add(c.term, CORRECTION_WEIGHT, "correction");
      else addWord(alt, c.term, CORRECTION_WEIGHT, "correction", ctx);
    }
    if (best.length === 0 && ctx.features.typos && token.length >= MIN_VARIANT_LENGTH && /^\p{L}+$/u.test(token)) {
      addSpellingVariants(alt, token, ctx);
    }
    return best[0]?.term ?? token;
  });
  return { corrected, corrections };
}

/**
 * Documents spell the same word two ways ("webbinarium"/"webinarium"); a known word
 * also matches its one-edit variants in the corpus, at a lower weight.
 */
function addSpellingVariants(alt: Alternatives, token: string, ctx: TextContext): void {
  for (const v of ctx.fuzzy.correct(token, { variants: true, maxEdits: 1, limit: 2 })) {
    const t = termFor(v.term, ctx.features);
    if (t !== termFor(token, ctx.features)) alt.add(t, VARIANT_WEIGHT, "correction");
  }
}

function isKnown(token: string, ctx: TextContext): boolean {
  return ctx.knownTerms.has(token) || ctx.knownTerms.has(termFor(token, ctx.features)) || ctx.lexicon.dictionary.words.has(token);
}

/** Closest vocabulary entries for an unknown token, trying the word and then its term. */
function correctionsFor(token: string, ctx: TextContext): FuzzyCorrection[] {
  if (!ctx.features.typos) return [];
  const limit = MAX_CORRECTIONS_PER_TOKEN + 1;
  let found = ctx.fuzzy.correct(token, { limit });
  if (found.length === 0) found = ctx.fuzzy.correct(termFor(token, ctx.features), { limit });
  const best = found[0]?.distance;
  return found.filter((c) => c.distance === best).slice(0, MAX_CORRECTIONS_PER_TOKEN);
}

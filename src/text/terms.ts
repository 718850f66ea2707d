/**
 * The single definition of an index term: token → stem → diacritics folded.
 * Folding happens on both the index and the query side, so "atgard" meets
 * "åtgärd" without fuzzy matching, at the price of conflating the rare pairs
 * that differ only in å/ä/ö.
 */
import { foldDiacritics, tokenize } from "./normalize.js";
import { stem } from "./stem.js";
import { isStopword } from "./stopwords.js";

/** Index term of one lower-cased token. */
export function termOf(token: string): string {
  return foldDiacritics(stem(token));
}

/** True for tokens worth indexing: not a stopword, and not a lone letter. */
export function isContentToken(token: string): boolean {
  if (isStopword(token)) return false;
  return token.length > 1 || /\p{N}/u.test(token);
}

/** Tokens of `text` that carry meaning (stopwords and lone letters dropped). */
export function contentTokens(text: string): string[] {
  return tokenize(text).filter(isContentToken);
}

/** Index terms of the content tokens of `text`, in order (no compound parts). */
export function contentTerms(text: string): string[] {
  return contentTokens(text).map(termOf);
}

/**
 * The gold-hit rule of the dev-eval set (see /work/shared/dev-eval/README.md),
 * implemented literally so an independent scorer gets the same numbers.
 */

/** One gold evidence passage: a corpus file name and a verbatim quote from it. */
export interface GoldSource {
  doc: string;
  quote: string;
}

/** Anything with a corpus-relative source path and its full text. */
export interface PassageLike {
  source: string;
  text: string;
  /**
   * Other documents holding this passage word for word (the API's `alsoIn`):
   * one citation stands for every copy, so it hits a gold source in any of them.
   */
  alsoIn?: readonly { source: string }[];
}

const TOKEN_RE = /[\p{L}\p{N}]+/gu;

/**
 * Word tokens of `text`: NFC, lower case, maximal runs of Unicode letters and digits.
 * Returned in order, duplicates kept.
 */
export function wordTokens(text: string): string[] {
  return text.normalize("NFC").toLowerCase().match(TOKEN_RE) ?? [];
}

/** Base file name of a corpus-relative source path ("a/b/c.txt" → "c.txt"). */
export function baseName(source: string): string {
  // Sources use "/" by contract; accept "\" too so a Windows-built index still scores.
  const parts = source.split(/[\\/]/);
  return parts[parts.length - 1] ?? source;
}

/**
 * Share of the quote's distinct tokens that occur among the passage's tokens (0..1).
 * A quote without any token gives 0, so it can never be hit.
 */
export function quoteTokenCoverage(quote: string, passageText: string): number {
  const quoteTokens = new Set(wordTokens(quote));
  if (quoteTokens.size === 0) return 0;
  const passageTokens = new Set(wordTokens(passageText));
  let present = 0;
  for (const token of quoteTokens) if (passageTokens.has(token)) present += 1;
  return present / quoteTokens.size;
}

/**
 * True when `source` is the gold document `doc`: its base file name, or, when
 * `doc` is a path ("Hemtjänst/SIP.md", a question about one unit's version), the
 * whole corpus-relative path.
 */
function isGoldDocument(source: string, doc: string): boolean {
  if (!doc.includes("/")) return baseName(source) === doc;
  const normalized = source.replace(/\\/g, "/");
  return normalized === doc || normalized.endsWith(`/${doc}`);
}

/**
 * True when the passage is a hit for the gold source: same document (see
 * `isGoldDocument`; the passage's own or one of its copies') and at least 50 %
 * of the quote's distinct tokens occur in the passage.
 */
export function isGoldHit(passage: PassageLike, gold: GoldSource): boolean {
  const sameDocument = isGoldDocument(passage.source, gold.doc) || (passage.alsoIn ?? []).some((c) => isGoldDocument(c.source, gold.doc));
  if (!sameDocument) return false;
  const quoteTokens = new Set(wordTokens(gold.quote));
  if (quoteTokens.size === 0) return false;
  const passageTokens = new Set(wordTokens(passage.text));
  let present = 0;
  for (const token of quoteTokens) if (passageTokens.has(token)) present += 1;
  // Integer comparison avoids any floating-point doubt exactly at 50 %.
  return present * 2 >= quoteTokens.size;
}

/** Indexes (into `golds`) of every gold source the passage hits. */
export function goldHits(passage: PassageLike, golds: readonly GoldSource[]): number[] {
  const hits: number[] = [];
  golds.forEach((gold, i) => {
    if (isGoldHit(passage, gold)) hits.push(i);
  });
  return hits;
}

/**
 * Typo tolerance for query terms: vocabulary words within a small
 * Damerau-Levenshtein (optimal string alignment) distance, compared with
 * diacritics folded so "atgard" finds "åtgärd" at distance 0 and the
 * transposition "ekonomsikt" finds "ekonomiskt" at distance 1.
 *
 * Candidates come from length buckets of the folded vocabulary and are
 * screened with fastest-levenshtein (bit-parallel) before the exact OSA check:
 * a few milliseconds per term for a 100k-word vocabulary, and no memory
 * beyond one array entry per word.
 */
import { distance as levenshtein } from "fastest-levenshtein";
import { tuning } from "../config/tuning.js";
import { foldDiacritics } from "./normalize.js";

/** A suggested vocabulary word and its distance (diacritics ignored). */
export interface FuzzyCorrection {
  term: string;
  distance: number;
}

interface CorrectOptions {
  /** Most suggestions to return (default 3). */
  limit?: number;
  /**
   * Also look for neighbours of a word that is itself in the vocabulary
   * (spelling variants such as "webbinariet"/"webinariet"); the word itself
   * and its diacritic-folded twins are not returned.
   */
  variants?: boolean;
  /** Override the edit budget (never above the length-based default). */
  maxEdits?: number;
}

/** A typo-correction index over a vocabulary. */
export interface FuzzyIndex {
  /** Number of distinct words. */
  readonly size: number;
  /** True when the (lower-cased) word is in the vocabulary. */
  has(word: string): boolean;
  /**
   * Vocabulary words close to `word`, best first; [] when `word` itself is in
   * the vocabulary or too short to correct safely.
   */
  correct(word: string, options?: CorrectOptions): FuzzyCorrection[];
}

/** Words shorter than this are never corrected (too many neighbours); tuning.ts, typos. */
export const MIN_CORRECTABLE_LENGTH = tuning.typos.minCorrectableLength;
/** From this length two edits are allowed; tuning.ts, typos. */
const TWO_EDITS_FROM_LENGTH = tuning.typos.twoEditsFromLength;

/** Largest edit distance tolerated for a (folded) word of this length. */
export function maxEditsFor(length: number): number {
  if (length >= TWO_EDITS_FROM_LENGTH) return 2;
  if (length >= MIN_CORRECTABLE_LENGTH) return 1;
  return 0;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transposition),
 * giving up early once every cell of a row exceeds `max` (returns max + 1).
 */
export function osaDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** Build a correction index from vocabulary words (normalised to lower-case NFC). */
export function buildFuzzyIndex(vocabulary: Iterable<string>): FuzzyIndex {
  const words = new Set<string>();
  const byFolded = new Map<string, string[]>();
  const buckets = new Map<number, string[]>();
  for (const raw of vocabulary) {
    const w = raw.normalize("NFC").toLowerCase();
    if (w.length === 0 || words.has(w)) continue;
    words.add(w);
    const f = foldDiacritics(w);
    const originals = byFolded.get(f);
    if (originals) {
      originals.push(w);
      continue;
    }
    byFolded.set(f, [w]);
    let bucket = buckets.get(f.length);
    if (!bucket) buckets.set(f.length, (bucket = []));
    bucket.push(f);
  }

  function correct(word: string, options: CorrectOptions = {}): FuzzyCorrection[] {
    const limit = options.limit ?? 3;
    const w = word.normalize("NFC").toLowerCase();
    if (words.has(w) && !options.variants) return [];
    const f = foldDiacritics(w);
    const same = byFolded.get(f);
    if (same && !options.variants) return same.slice(0, limit).map((term) => ({ term, distance: 0 }));
    const max = Math.min(maxEditsFor(f.length), options.maxEdits ?? Number.POSITIVE_INFINITY);
    if (max === 0 || !/^\p{L}+$/u.test(f)) return [];
    const found: { folded: string; distance: number }[] = [];
    for (let len = f.length - max; len <= f.length + max; len++) {
      for (const cand of buckets.get(len) ?? []) {
        const lev = levenshtein(f, cand);
        // Each transposition costs 2 in Levenshtein but 1 in OSA, hence the 2×max screen.
        if (lev > 2 * max) continue;
        const d = lev <= 1 ? lev : osaDistance(f, cand, max);
        if (d <= max && !(options.variants && d === 0)) found.push({ folded: cand, distance: d });
      }
    }
    found.sort(
      (a, b) =>
        a.distance - b.distance ||
        Number(b.folded[0] === f[0]) - Number(a.folded[0] === f[0]) ||
        Math.abs(a.folded.length - f.length) - Math.abs(b.folded.length - f.length) ||
        (a.folded < b.folded ? -1 : a.folded > b.folded ? 1 : 0),
    );
    const out: FuzzyCorrection[] = [];
    for (const { folded, distance } of found) {
      for (const term of byFolded.get(folded) ?? []) {
        if (out.length >= limit) return out;
        out.push({ term, distance });
      }
    }
    return out;
  }

  return {
    get size() {
      return words.size;
    },
    has: (word) => words.has(word.normalize("NFC").toLowerCase()),
    correct,
  };
}

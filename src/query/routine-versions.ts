/**
 * Versions of one routine kept by several units (issue 15). Besides
 * word-for-word copies (src/query/copies.ts), units keep their own edited
 * versions of a shared routine: "Hot och hot om våld rutin Mötesplatserna"
 * and the same routine in Dagverksamhet's folder share 61 % of their word
 * 4-grams, while different routines in the routine library share at most
 * 12 %. Staff who chose their unit should see their unit's version first,
 * even when another unit's version happens to repeat more of the question's
 * words.
 *
 * Similarity is the MinHash estimate of the Jaccard similarity of two
 * documents' word 4-gram sets (the standard near-duplicate measure; Broder
 * 1997), computed on first use per document and kept per loaded index, so a
 * question pays only for the few documents it compares.
 */
import { tuning } from "../config/tuning.js";
import { fnv1a } from "../core/ids.js";
import type { LoadedIndex } from "../core/index-store.js";
import { tokenize } from "../text/index.js";

/** Words per shingle: long enough that two different routines share few, short enough to survive edits. */
const SHINGLE_WORDS = 4;
/** MinHash slots: the estimate's standard error is about 1/sqrt(64) ≈ 0.06, far below the gap between versions and other routines. */
const SLOTS = 64;

/** Fixed, odd multipliers and offsets of the slot hash functions (a deterministic sequence, so results never vary between runs). */
const SEEDS: readonly (readonly [number, number])[] = Array.from({ length: SLOTS }, (_, k) => {
  let x = Math.imul(k + 1, 0x9e3779b1) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  const y = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return [(x | 1) >>> 0, y];
});

/** MinHash signature of a text's word shingles; null when the text has fewer words than one shingle. */
export function minHashSignature(text: string): Uint32Array | null {
  const words = tokenize(text);
  if (words.length < SHINGLE_WORDS) return null;
  const signature = new Uint32Array(SLOTS).fill(0xffffffff);
  const seen = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    const base = fnv1a(words.slice(i, i + SHINGLE_WORDS).join(" "));
    if (seen.has(base)) continue;
    seen.add(base);
    for (let k = 0; k < SLOTS; k++) {
      const [a, b] = SEEDS[k]!;
      const h = (Math.imul(base ^ b, a) ^ (base >>> 15)) >>> 0;
      if (h < signature[k]!) signature[k] = h;
    }
  }
  return signature;
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures (0..1). */
export function signatureSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < SLOTS; k++) if (a[k] === b[k]) same++;
  return same / SLOTS;
}

export interface RoutineVersions {
  /** True when the two documents are versions of one routine (similarity at least `tuning.retrieval.versionSimilarity`). */
  sameRoutine(documentA: string, documentB: string): boolean;
}

const cache = new WeakMap<LoadedIndex, RoutineVersions>();

/** The version test for an index's documents; signatures are computed on first use and kept with the index. */
export function routineVersionsOf(index: LoadedIndex): RoutineVersions {
  let versions = cache.get(index);
  if (!versions) {
    versions = createRoutineVersions(index);
    cache.set(index, versions);
  }
  return versions;
}

function createRoutineVersions(index: LoadedIndex): RoutineVersions {
  let chunksOf: Map<string, number[]> | undefined;
  const signatures = new Map<string, Uint32Array | null>();
  const signatureOf = (documentId: string): Uint32Array | null => {
    let s = signatures.get(documentId);
    if (s === undefined) {
      if (!chunksOf) {
        chunksOf = new Map();
        index.chunks.forEach((c, i) => {
          const list = chunksOf!.get(c.documentId);
          if (list) list.push(i);
          else chunksOf!.set(c.documentId, [i]);
        });
      }
      s = minHashSignature((chunksOf.get(documentId) ?? []).map((i) => index.chunks[i]!.text).join("\n"));
      signatures.set(documentId, s);
    }
    return s;
  };
  return {
    sameRoutine(a, b) {
      if (a === b) return true;
      const [sa, sb] = [signatureOf(a), signatureOf(b)];
      return sa !== null && sb !== null && signatureSimilarity(sa, sb) >= tuning.retrieval.versionSimilarity;
    },
  };
}

/**
 * The reader's unit's version of a routine replaces the other units'
 * versions of it: its passages move up to where the first passage of
 * another unit's version stood, and those passages leave the list, so an
 * answer never quotes a version the reader's unit does not follow.
 * Everything else keeps its order. `preferred` tells the reader's unit's passages.
 */
export function ownVersionsFirst<T extends { chunk: { documentId: string } }>(ranked: readonly T[], preferred: (c: T) => boolean, versions: RoutineVersions): T[] {
  const preferredDocs = [...new Set(ranked.filter(preferred).map((c) => c.chunk.documentId))];
  if (preferredDocs.length === 0) return [...ranked];
  /** Preferred documents moved up as a whole; `seen` also holds those met in their own place. */
  const placed = new Set<string>();
  const seen = new Set<string>();
  const out: T[] = [];
  for (const c of ranked) {
    const doc = c.chunk.documentId;
    if (preferred(c)) {
      if (!placed.has(doc)) out.push(c);
      seen.add(doc);
      continue;
    }
    const own = preferredDocs.find((d) => versions.sameRoutine(d, doc));
    if (own === undefined) out.push(c);
    else if (!seen.has(own)) {
      placed.add(own);
      seen.add(own);
      out.push(...ranked.filter((p) => p.chunk.documentId === own && preferred(p)));
    }
  }
  return out;
}

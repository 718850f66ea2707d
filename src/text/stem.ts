/**
 * Swedish stemming: the Snowball algorithm plus a few derivational endings
 * Snowball leaves alone but that staff use interchangeably
 * (anmälan/anmäla/anmälning, beslutet/beslut, handläggning/handlägga,
 * omhändertagande/omhänderta).
 */
import { createRequire } from "node:module";

interface SnowballStemmer {
  stem(word: string): string;
}
interface SnowballFactory {
  newStemmer(language: string): SnowballStemmer;
}

// The package is CommonJS without types; require() avoids default-import
// interop differences between tsx, vitest and plain Node.
const snowball = createRequire(import.meta.url)("snowball-stemmers") as SnowballFactory;
const swedish = snowball.newStemmer("swedish");
const cache = new Map<string, string>();
// A memo that grows with the corpus vocabulary; the cap only guards against
// pathological input (e.g. a giant query of random strings).
const CACHE_LIMIT = 500_000;

/** The plain Snowball Swedish stem of a lower-cased word. */
export function snowballStem(word: string): string {
  return swedish.stem(word);
}

const VOWELS = new Set("aeiouyåäöé");

/**
 * Extra conflation after Snowball. Each rule keeps a remainder long enough
 * that short words are not mangled ("plan" stays, "anmälan" → "anmäl").
 */
function derivational(stem: string): string {
  if (stem.endsWith("ning") && stem.length - 4 >= 3) return stem.slice(0, -4);
  // "-ta" verbs nominalise with -tagande: omhändertagande/omhänderta, mottagande/motta, deltagande/delta.
  if (stem.endsWith("tag") && stem.length - 3 >= 3) return stem.slice(0, -2);
  if (stem.endsWith("ing") && stem.length - 3 >= 4) return stem.slice(0, -3);
  if (stem.endsWith("et") && stem.length - 2 >= 4) return stem.slice(0, -2);
  if (stem.endsWith("an") && stem.length - 2 >= 4 && !VOWELS.has(stem.charAt(stem.length - 3))) {
    return stem.slice(0, -2);
  }
  return stem;
}

/**
 * The genitive -s after a noun ending ("brukares", "föräldrars",
 * "handläggares"): Snowball removes the s but then keeps the ending it would
 * have removed from the bare noun ("brukar" against "bruk"), so the genitive
 * never meets its noun. The s goes first; passive verbs ("behövs",
 * "beviljas") and words whose base ends in s ("hus", "kurs") do not match.
 */
const GENITIVE_S = /(?:are|ar|er|or|en|et|na)s$/u;

/**
 * Stem a lower-cased Swedish word (memoised). Numbers and words without
 * letters come back unchanged.
 */
export function stem(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const base = word.length >= 6 && GENITIVE_S.test(word) ? word.slice(0, -1) : word;
  const out = /\p{L}/u.test(word) && word.length > 2 ? derivational(swedish.stem(base)) : word;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, out);
  return out;
}

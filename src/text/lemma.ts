/**
 * Dictionary headwords (lemmas) of Swedish word forms: "kostar" → "kosta",
 * "brukarens" → "brukare", "nycklar" → "nyckel", "ringde" → "ringa",
 * "fallit" → "falla".
 *
 * The forms come from the hunspell dictionary in `dictionary-sv`: every .dic
 * entry expanded with the .aff rules by `hunspell-reader` (cspell's expander)
 * in scripts/build-lemmas.ts, which writes src/text/data/sv-lemmas.txt.gz.
 * Expansion takes ~5–6 s, so it is done once at build time; this module only
 * reads the ~0.9 MB file on first use into one sorted buffer (~12 MB) and
 * binary-searches it, so no per-form objects are built.
 *
 * Coverage is the dictionary's: lower-case words only (no proper nouns or
 * abbreviations), and irregular forms the dictionary lists as entries of
 * their own stay their own lemma ("var", "kunde"). Derivations made by affix
 * rules lead back to the word they were made from ("köparen" → "köpa",
 * "anmälan" → "anmäla"), since the dictionary has no headword for them.
 *
 * Choosing one lemma when a form has several (`lemmaOf`), in order:
 *  1. a form ending in -ar/-er/-r made by a verb tense rule belongs to that
 *     verb: "ringar" → "ringa" (not the noun "ring"), "kostar" → "kosta";
 *  2. a form that is itself a headword is its own lemma: "han" (not "ha"),
 *     "är" (not "ära");
 *  3. otherwise the shortest headword, ties broken alphabetically.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

/** Path of the generated form data (see scripts/build-lemmas.ts). */
const LEMMA_DATA_PATH = fileURLToPath(new URL("./data/sv-lemmas.txt.gz", import.meta.url));

/** One headword a form can belong to. */
interface LemmaCandidate {
  lemma: string;
  /** True when a verb tense rule of the dictionary made the form. */
  verb: boolean;
}

/** Form → headword index over the generated data. */
export interface LemmaIndex {
  /** Number of distinct forms. */
  readonly size: number;
  /** Headwords of an exact (lower-case NFC) form, in data order; [] when unknown. */
  lookup(form: string): LemmaCandidate[];
}

const NEWLINE = 10;
const TAB = 9;
const HASH = 35;
const REF = /^(!?)(\d+)(.*)$/su;

/**
 * Expand the front-coded data (see scripts/build-lemmas.ts) into one buffer
 * of sorted "form<TAB>lemmas\n" lines plus their start offsets, searched by
 * bytes. Takes the gunzipped bytes (exported for tests with small inputs).
 */
export function parseLemmaData(data: Uint8Array): LemmaIndex {
  const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let lineCount = 0;
  for (let i = raw.indexOf(NEWLINE); i >= 0; i = raw.indexOf(NEWLINE, i + 1)) lineCount++;
  const starts = new Uint32Array(lineCount + 1);
  let out = Buffer.allocUnsafe(Math.max(1024, raw.length * 3));
  let pos = 0;
  let count = 0;
  let prevStart = 0;
  let i = 0;
  while (i < raw.length) {
    let nl = raw.indexOf(NEWLINE, i);
    if (nl < 0) nl = raw.length;
    if (nl === i || raw[i] === HASH) {
      i = nl + 1;
      continue;
    }
    let shared = 0;
    let p = i;
    while (p < nl && raw[p]! >= 48 && raw[p]! <= 57) shared = shared * 10 + (raw[p++]! - 48);
    const need = shared + (nl - p) + 1;
    if (pos + need > out.length) {
      const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, pos + need));
      out.copy(bigger, 0, 0, pos);
      out = bigger;
    }
    for (let k = 0; k < shared; k++) out[pos + k] = out[prevStart + k]!;
    starts[count++] = pos;
    prevStart = pos;
    pos += shared;
    raw.copy(out, pos, p, nl);
    pos += nl - p;
    out[pos++] = NEWLINE;
    i = nl + 1;
  }
  const buf = Buffer.from(out.subarray(0, pos)); // copy: drop the slack of the growth buffer

  /** <0 when the key sorts before the form on line `line`, >0 after, 0 when equal. */
  const compare = (key: Buffer, line: number): number => {
    const at = starts[line]!;
    for (let k = 0; ; k++) {
      const a = k < key.length ? key[k]! : -1;
      const c = buf[at + k]!;
      const b = c === TAB ? -1 : c;
      if (a !== b) return a - b;
      if (a === -1) return 0;
    }
  };

  return {
    size: count,
    lookup(form) {
      if (form === "" || /[\t\n]/u.test(form)) return [];
      const key = Buffer.from(form, "utf8");
      let lo = 0;
      let hi = count - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const c = compare(key, mid);
        if (c > 0) lo = mid + 1;
        else if (c < 0) hi = mid - 1;
        else {
          const at = starts[mid]! + key.length + 1;
          return buf
            .toString("utf8", at, buf.indexOf(NEWLINE, at))
            .split(",")
            .map((ref) => {
              const m = REF.exec(ref);
              if (!m) throw new Error(`sv-lemmas: ogiltig hänvisning "${ref}" för "${form}"`);
              return { lemma: form.slice(0, form.length - Number(m[2])) + m[3]!, verb: m[1] === "!" };
            });
        }
      }
      return [];
    },
  };
}

let cached: LemmaIndex | undefined;

/** The form → headword index, read on first call (memoised). */
export function loadLemmaIndex(): LemmaIndex {
  return (cached ??= parseLemmaData(gunzipSync(readFileSync(LEMMA_DATA_PATH))));
}

const VERB_PRESENT = /(?:ar|er|r)$/u;

/**
 * Every dictionary headword the form can belong to, without duplicates,
 * ranked as `lemmaOf` ranks them (its choice first); [] for words the
 * dictionary does not know. Input is NFC-normalised, trimmed and lower-cased.
 */
export function lemmasOf(word: string, index: LemmaIndex = loadLemmaIndex()): string[] {
  const w = word.normalize("NFC").trim().toLowerCase();
  const candidates = index.lookup(w);
  if (candidates.length === 0) return [];
  const verbFirst = VERB_PRESENT.test(w);
  const ranked = candidates.map(({ lemma, verb }) => ({ lemma, rank: verbFirst && verb ? 0 : lemma === w ? 1 : 2 }));
  ranked.sort((a, b) => a.rank - b.rank || a.lemma.length - b.lemma.length || (a.lemma < b.lemma ? -1 : a.lemma > b.lemma ? 1 : 0));
  return [...new Set(ranked.map((r) => r.lemma))];
}

/**
 * The dictionary headword of a word form (see the module comment for how one
 * is chosen among several), or undefined when the dictionary does not know
 * the word. Callers that want a fallback use `lemmaOf(w) ?? w`.
 */
export function lemmaOf(word: string, index: LemmaIndex = loadLemmaIndex()): string | undefined {
  return lemmasOf(word, index)[0];
}

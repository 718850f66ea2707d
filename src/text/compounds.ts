/**
 * Swedish compound splitting ("orosanmälningsrutinen" → oro + anmälning + rutin).
 *
 * The lexicon is the hunspell dictionary from `dictionary-sv`, read once and
 * lazily. Its flags say which words may begin (X), sit in the middle (U) or end
 * (Y) a compound, and its affix rules generate the linking forms
 * ("anmälnings", "familje", "kyrko"). Words learned from the corpus extend it,
 * so domain words such as "försörjningsstöd" count as parts too.
 *
 * The split is a small dynamic programme: fewest parts first, then the
 * cheapest (hunspell-sanctioned forms are free, heuristic linking costs more),
 * then the longest parts. Ordinary dictionary words are split only under
 * stricter rules, which keeps "kommunen", "ansökan" and "handläggare" whole.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { tuning } from "../config/tuning.js";
import { loadWordData, wordsOf } from "./word-data.js";

/** The parts of the hunspell dictionary the splitter needs. */
export interface SwedishDictionary {
  /** Stand-alone words (lower-case, letters only). */
  words: ReadonlySet<string>;
  /** Forms allowed first or in the middle of a compound → their base word. */
  begins: ReadonlyMap<string, string>;
  /** Words allowed last in a compound. */
  ends: ReadonlySet<string>;
}

/** Dictionary plus corpus vocabulary, with a memo of splits. */
export interface CompoundLexicon {
  dictionary: SwedishDictionary;
  /** Extra words (e.g. the corpus vocabulary), lower-case NFC. */
  extra: ReadonlySet<string>;
  /** Memo: word → split; owned by the lexicon so different lexicons never mix. */
  memo: Map<string, CompoundSplit>;
}

/** Result of splitting one word. */
interface CompoundSplit {
  /** Parts of the best top-level split (base forms), [] when not a compound. */
  top: string[];
  /** Top-level parts further split where they are themselves compounds. */
  leaves: string[];
}

// The lengths and costs below are knobs of tuning.ts (compounds), with range and effect.
const MIN_PART = tuning.compounds.minPart;
/** Stricter minimum for parts of words already in the dictionary ("kom|munen", "handlägga|ren"). */
const MIN_PART_KNOWN_WORD = tuning.compounds.minPartKnownWord;
/** For dictionary words only exact and linking-s parts are allowed, no vowel guessing. */
const MAX_PART_COST_KNOWN_WORD = tuning.compounds.maxPartCostKnownWord;
/** Below this length a word is never split (two parts of 3 need 6). */
const MIN_SPLIT_LENGTH = tuning.compounds.minSplitLength;

// The word lists of the splitter, each group with the reason it is there, are
// data: src/text/data/compounds.yaml.
const lists = loadWordData("compounds");
/** Never the first part: splitting after a verb particle ("hand|läggare", "upp|följning") misleads retrieval. */
const PARTICLE_PREFIXES: ReadonlySet<string> = new Set(wordsOf(lists.particlePrefixes));
/** Dictionary words that are really derivational endings or too vague to be a part ("skyldig|het"). */
const NEVER_PARTS: ReadonlySet<string> = new Set(wordsOf(lists.neverParts));
/** Short words that are common compound heads in social-services language ("kvinno|frid"). */
const SHORT_HEADS: ReadonlySet<string> = new Set(wordsOf(lists.shortHeads));
/** Least length of any other last part; "kvinno|frid" needs the list above. */
const MIN_HEAD = tuning.compounds.minHead;
/** Least length of the last part of a word that is itself in the dictionary. */
const MIN_HEAD_KNOWN_WORD = tuning.compounds.minHeadKnownWord;
/** Numerals and function words are never parts ("blank|ett", "regi|tre", "fort|att"). */
const NOT_PARTS: ReadonlySet<string> = new Set(wordsOf(lists.notParts));
/** Inflectional endings tried on the last part ("rutinen" → "rutin"), in order. */
const FINAL_SUFFIXES: readonly string[] = wordsOf(lists.finalSuffixes);

const LETTERS_ONLY = /^\p{Ll}+$/u;
// Faster ASCII-range test for the 150k dictionary lines; the hunspell file is
// already NFC and lower-case Swedish letters cover every word we want.
const DICT_WORD = /^[a-zåäöéèüáàâêëîïôûç]+$/;

let cachedDictionary: SwedishDictionary | undefined;

/** Absolute path of the hunspell word list shipped by `dictionary-sv`. */
export function dictionaryFiles(): { dic: string; aff: string } {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve("dictionary-sv"));
  return { dic: join(dir, "index.dic"), aff: join(dir, "index.aff") };
}

interface AffixRule {
  strip: string;
  add: string;
  cond: RegExp;
}

/** Suffix rules whose output may start or continue a compound (continuation flag X or U). */
function parseBeginRules(aff: string): Map<string, AffixRule[]> {
  const rules = new Map<string, AffixRule[]>();
  for (const line of aff.split("\n")) {
    const f = line.trim().split(/\s+/u);
    if (f[0] !== "SFX" || f.length < 5) continue;
    const [, flag = "", strip = "", addWithCont = "", cond = "."] = f;
    const [add = "", cont = ""] = addWithCont.split("/");
    if (!/[XU]/u.test(cont)) continue;
    let list = rules.get(flag);
    if (!list) rules.set(flag, (list = []));
    list.push({ strip: strip === "0" ? "" : strip, add: add === "0" ? "" : add, cond: new RegExp(`${cond}$`, "u") });
  }
  return rules;
}

/**
 * Load the hunspell dictionary once (≈150k entries, well under a second).
 * Proper nouns, abbreviations and entries with digits or punctuation are skipped.
 */
export function loadSwedishDictionary(): SwedishDictionary {
  if (cachedDictionary) return cachedDictionary;
  const files = dictionaryFiles();
  const beginRules = parseBeginRules(readFileSync(files.aff, "utf8"));
  const words = new Set<string>();
  const begins = new Map<string, string>();
  const ends = new Set<string>();
  const compoundOnly: string[] = [];
  const lines = readFileSync(files.dic, "utf8").split("\n");
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const space = line.search(/\s/);
    const entry = space < 0 ? line : line.slice(0, space);
    const slash = entry.indexOf("/");
    const word = slash < 0 ? entry : entry.slice(0, slash);
    const flags = slash < 0 ? "" : entry.slice(slash + 1);
    if (word.length < 2 || !DICT_WORD.test(word)) continue;
    if (flags.includes("%") || flags.includes("¤")) continue;
    const onlyInCompound = flags.includes("Z");
    if (!onlyInCompound) words.add(word);
    if (flags.includes("Y") && !onlyInCompound) ends.add(word);
    if (flags.includes("X") || flags.includes("U")) {
      if (onlyInCompound) compoundOnly.push(word);
      else if (!begins.has(word)) begins.set(word, word);
    }
    for (const flag of flags) {
      const rules = beginRules.get(flag);
      if (!rules) continue;
      for (const r of rules) {
        if (!r.cond.test(word) || !word.endsWith(r.strip)) continue;
        const form = word.slice(0, word.length - r.strip.length) + r.add;
        if (DICT_WORD.test(form) && !begins.has(form)) begins.set(form, word);
      }
    }
  }
  // Compound-only entries ("familje", "kyrko") map back to their word when one exists.
  for (const form of compoundOnly) {
    if (begins.has(form)) continue;
    const cut = form.slice(0, -1);
    const base = words.has(cut) ? cut : words.has(`${cut}a`) ? `${cut}a` : form;
    begins.set(form, base);
  }
  cachedDictionary = { words, begins, ends };
  return cachedDictionary;
}

/**
 * Build a lexicon from the hunspell dictionary plus extra vocabulary (usually
 * the corpus tokens). Extra words shorter than 3 letters or with digits are ignored.
 */
export function createCompoundLexicon(extraWords: Iterable<string> = []): CompoundLexicon {
  const extra = new Set<string>();
  for (const w of extraWords) {
    const n = w.normalize("NFC").toLowerCase();
    if (n.length >= MIN_PART && LETTERS_ONLY.test(n)) extra.add(n);
  }
  return { dictionary: loadSwedishDictionary(), extra, memo: new Map() };
}

interface Part {
  base: string;
  cost: number;
}

interface Parse {
  parts: string[];
  cost: number;
  /** Sum of squared segment lengths: higher means longer, fewer fragments. */
  mass: number;
}

function better(a: Parse, b: Parse | null): boolean {
  if (!b) return true;
  if (a.parts.length !== b.parts.length) return a.parts.length < b.parts.length;
  if (a.cost !== b.cost) return a.cost < b.cost;
  return a.mass > b.mass;
}

function isWord(lex: CompoundLexicon, w: string): boolean {
  return lex.dictionary.words.has(w) || lex.extra.has(w);
}

function nonFinal(lex: CompoundLexicon, seg: string): Part | null {
  const p = nonFinalRaw(lex, seg);
  return p && !NEVER_PARTS.has(p.base) && !NOT_PARTS.has(p.base) ? p : null;
}

function nonFinalRaw(lex: CompoundLexicon, seg: string): Part | null {
  const sanctioned = lex.dictionary.begins.get(seg);
  if (sanctioned !== undefined) return { base: sanctioned, cost: 0 };
  const last = seg.charAt(seg.length - 1);
  const cut = seg.slice(0, -1);
  if (last === "s" && cut.length >= MIN_PART && isWord(lex, cut)) return { base: cut, cost: 1 };
  if (isWord(lex, seg)) return { base: seg, cost: 1 };
  const words = lex.dictionary.words;
  if ("eaou".includes(last) && cut.length >= MIN_PART && words.has(cut)) return { base: cut, cost: 2 };
  if ("ou".includes(last) && words.has(`${cut}a`)) return { base: `${cut}a`, cost: 2 };
  if (words.has(`${seg}a`)) return { base: `${seg}a`, cost: 2 };
  if (words.has(`${seg}e`)) return { base: `${seg}e`, cost: 2 };
  return null;
}

function final(lex: CompoundLexicon, seg: string, minHead: number): Part | null {
  let best: Part | null = null;
  for (const suffix of FINAL_SUFFIXES) {
    if (!seg.endsWith(suffix) || seg.length - suffix.length < MIN_PART) continue;
    const base = seg.slice(0, seg.length - suffix.length);
    if (NEVER_PARTS.has(base) || NOT_PARTS.has(base)) continue;
    if (base.length < minHead && !SHORT_HEADS.has(base)) continue;
    const cost = lex.dictionary.ends.has(base) ? 0 : isWord(lex, base) ? 1 : -1;
    if (cost >= 0 && (!best || cost < best.cost)) best = { base, cost };
    if (best?.cost === 0) break;
  }
  return best;
}

/** True when the word (possibly inflected) is an ordinary dictionary word. */
function isDictionaryWord(lex: CompoundLexicon, word: string): boolean {
  const words = lex.dictionary.words;
  for (const suffix of FINAL_SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_PART && words.has(word.slice(0, word.length - suffix.length))) {
      return true;
    }
  }
  return false;
}

function bestParse(lex: CompoundLexicon, word: string): string[] {
  const strict = isDictionaryWord(lex, word);
  const minPart = strict ? MIN_PART_KNOWN_WORD : MIN_PART;
  const maxCost = strict ? MAX_PART_COST_KNOWN_WORD : Number.POSITIVE_INFINITY;
  const n = word.length;
  // memo[i] = best parse of word.slice(i) into ≥1 parts ending in a valid final part.
  const memo: (Parse | null)[] = new Array<Parse | null>(n + 1).fill(null);
  for (let i = n - MIN_PART; i >= 0; i--) {
    let best: Parse | null = null;
    if (i > 0 && n - i >= minPart) {
      const f = final(lex, word.slice(i), strict ? MIN_HEAD_KNOWN_WORD : MIN_HEAD);
      if (f && f.cost <= maxCost) best = { parts: [f.base], cost: f.cost, mass: (n - i) ** 2 };
    }
    for (let j = i + minPart; j <= n - MIN_PART; j++) {
      const rest = memo[j];
      if (!rest) continue;
      const seg = word.slice(i, j);
      if (i === 0 && PARTICLE_PREFIXES.has(seg)) continue;
      const p = nonFinal(lex, seg);
      if (!p || p.cost > maxCost || (i === 0 && PARTICLE_PREFIXES.has(p.base))) continue;
      const cand = { parts: [p.base, ...rest.parts], cost: p.cost + rest.cost, mass: seg.length ** 2 + rest.mass };
      if (better(cand, best)) best = cand;
    }
    memo[i] = best;
  }
  const whole = memo[0];
  return whole && whole.parts.length >= 2 ? whole.parts : [];
}

function splitWord(lex: CompoundLexicon, word: string, depth: number): CompoundSplit {
  const hit = lex.memo.get(word);
  if (hit) return hit;
  let result: CompoundSplit = { top: [], leaves: [] };
  if (word.includes("-")) {
    const pieces = word.split("-").filter((p) => p.length > 0);
    if (pieces.length >= 2) {
      const leaves = pieces.flatMap((p) => {
        const sub = splitWord(lex, p, depth + 1);
        return sub.leaves.length > 0 ? sub.leaves : [p];
      });
      result = { top: pieces, leaves };
    }
  } else if (word.length >= MIN_SPLIT_LENGTH && LETTERS_ONLY.test(word)) {
    const top = bestParse(lex, word);
    const leaves =
      depth < 3
        ? top.flatMap((p) => {
            const sub = p.length >= MIN_SPLIT_LENGTH ? splitWord(lex, p, depth + 1) : null;
            return sub && sub.leaves.length > 0 ? sub.leaves : [p];
          })
        : top;
    result = { top, leaves };
  }
  lex.memo.set(word, result);
  return result;
}

/**
 * Split a compound into its smallest meaningful parts (base forms), e.g.
 * "orosanmälningsrutinen" → ["oro", "anmälning", "rutin"], "hvb-hem" → ["hvb", "hem"].
 * Returns [] when the word is not a compound. Memoised per lexicon.
 */
export function splitCompound(word: string, lexicon: CompoundLexicon): string[] {
  return splitWord(lexicon, word.normalize("NFC").toLowerCase(), 0).leaves;
}

/**
 * Every useful part of a compound: the top-level parts and their own parts,
 * e.g. "försörjningsstödshandläggare" → försörjningsstöd, handläggare,
 * försörjning, stöd. Returns [] when the word is not a compound.
 */
export function compoundParts(word: string, lexicon: CompoundLexicon): string[] {
  const s = splitWord(lexicon, word.normalize("NFC").toLowerCase(), 0);
  return [...new Set([...s.top, ...s.leaves])];
}

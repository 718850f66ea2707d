/**
 * Text normalisation and tokenisation shared by indexing, querying and the
 * answer composer. Everything here is pure and locale-independent so the same
 * input always yields the same tokens on both sides of the index.
 */

/** A word token with its position in the original (un-normalised) text. */
export interface TokenSpan {
  /** Lower-cased NFC form of the token. */
  token: string;
  /** Offset of the first code unit in the input (UTF-16, inclusive). */
  start: number;
  /** Offset after the last code unit in the input (UTF-16, exclusive). */
  end: number;
}

// \p{M} is included so decomposed input ("a" + combining ring) stays one token;
// NFC then folds the pair into "å".
const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** NFC, lower-case and collapse runs of whitespace to one space (trimmed). */
export function normalize(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/\s+/gu, " ").trim();
}

const FOLD_MAP: Record<string, string> = {
  å: "a",
  ä: "a",
  ö: "o",
  é: "e",
  è: "e",
  ê: "e",
  ü: "u",
  á: "a",
  à: "a",
  æ: "a",
  ø: "o",
};
const FOLD_RE = /[åäöéèêüáàæø]/gu;

/**
 * Replace Swedish diacritics by their base letters (å→a, ä→a, ö→o, é→e …), so
 * "atgard" and "åtgärd" meet. Expects lower-case input.
 */
export function foldDiacritics(s: string): string {
  return s.replace(FOLD_RE, (ch) => FOLD_MAP[ch] ?? ch);
}

/** Word tokens: maximal runs of letters and digits, lower-cased and NFC. */
export function tokenize(text: string): string[] {
  return tokenizeWithOffsets(text).map((t) => t.token);
}

/** Like {@link tokenize}, but each token keeps its offsets into `text`. */
export function tokenizeWithOffsets(text: string): TokenSpan[] {
  const out: TokenSpan[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const start = m.index;
    out.push({ token: m[0].normalize("NFC").toLowerCase(), start, end: start + m[0].length });
  }
  return out;
}

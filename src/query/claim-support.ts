/**
 * Whether a claim is lexically supported by the passages it cites (pure).
 * Support means: enough of the sentence's content words occur in the cited
 * passages, every number and every name-like word does too, and sentences of
 * a source that address the model ("ignorera tidigare instruktioner …")
 * never count as support.
 */
import { tuning } from "../config/tuning.js";
import type { Chunk } from "../core/schemas.js";
import { analyzeForIndex, splitSentences, tokenize, tokenizeWithOffsets, type TextContext, isContentToken, wordList } from "../text/index.js";
import { stripMarkers } from "./citation-markers.js";

/** Result of checking one sentence against passages. */
export interface SupportCheck {
  supported: boolean;
  /** Share of content words found (0..1). */
  share: number;
  /** Numbers and name-like words of the sentence missing from the passages. */
  missing: string[];
}

// The patterns, each group with the reason it is there, are data: src/text/data/instruction-like.yaml.
const INSTRUCTION_LIKE = new RegExp(wordList("instructionLike", "patterns").map((p) => `(?:${p})`).join("|"), "iu");

/** True for a passage sentence written to a language model rather than to staff: never evidence. */
export function isInstructionLike(sentence: string): boolean {
  return INSTRUCTION_LIKE.test(sentence);
}

export interface PassageTerms {
  terms: Set<string>;
  tokens: Set<string>;
  sentences: { start: number; end: number; text: string; terms: Set<string> }[];
}

export function passageTerms(chunk: Chunk, text: TextContext): PassageTerms {
  const sentences = splitSentences(chunk.text)
    .filter((s) => !isInstructionLike(s.text))
    .map((s) => ({ ...s, terms: new Set(analyzeForIndex(s.text, text)) }));
  const terms = new Set<string>();
  const tokens = new Set<string>();
  for (const s of sentences) {
    for (const t of s.terms) terms.add(t);
    for (const t of tokenize(s.text)) tokens.add(t);
  }
  return { terms, tokens, sentences };
}

export interface ClaimWord {
  token: string;
  /** Its own term, then its compound parts' terms. */
  terms: string[];
  number: boolean;
  nameLike: boolean;
}

export function claimWords(claim: string, text: TextContext): ClaimWord[] {
  const words: ClaimWord[] = [];
  const seen = new Set<string>();
  tokenizeWithOffsets(claim).forEach((t, i) => {
    if (!isContentToken(t.token) || seen.has(t.token)) return;
    seen.add(t.token);
    const original = claim.slice(t.start, t.end);
    words.push({
      token: t.token,
      terms: analyzeForIndex(t.token, text),
      number: /^\p{N}+$/u.test(t.token),
      // Swedish capitalises names, not nouns: a capitalised word inside a sentence is a name to check.
      nameLike: i > 0 && /^\p{Lu}\p{Ll}+$/u.test(original) && !/[:.]\s*$/.test(claim.slice(0, t.start)),
    });
  });
  return words;
}

export function wordFound(w: ClaimWord, p: PassageTerms): boolean {
  if (w.number) return p.tokens.has(w.token);
  if (p.tokens.has(w.token)) return true;
  const [whole, ...parts] = w.terms;
  if (whole !== undefined && p.terms.has(whole)) return true;
  // A compound in the claim ("anmälningsskyldighet") is supported when all its parts are in the passage.
  return parts.length > 0 && parts.every((t) => p.terms.has(t));
}

export function checkWords(words: ClaimWord[], passages: PassageTerms[], minSupport: number): SupportCheck {
  if (words.length === 0) return { supported: false, share: 0, missing: [] };
  const missing: string[] = [];
  let found = 0;
  for (const w of words) {
    const ok = passages.some((p) => wordFound(w, p));
    if (ok) found++;
    else if (w.number || w.nameLike) missing.push(w.token);
  }
  const share = found / words.length;
  return { supported: share >= minSupport && missing.length === 0 && found > 0, share, missing };
}

/**
 * Checks whether `sentence` (markers ignored) is lexically supported by the
 * given passage texts.
 */
export function checkSupport(sentence: string, passages: Chunk[], text: TextContext, minSupport: number = tuning.generative.minSupport): SupportCheck {
  return checkWords(claimWords(stripMarkers(sentence), text), passages.map((c) => passageTerms(c, text)), minSupport);
}

/** A span of a passage's text, to quote. */
export interface QuoteSpan {
  start: number;
  end: number;
}

/** The passage sentence holding most of the claim's words: what a citation quotes. */
export function bestSupportingSentence(words: ClaimWord[], p: PassageTerms): QuoteSpan | null {
  let best: (QuoteSpan & { score: number }) | null = null;
  for (const s of p.sentences) {
    let score = 0;
    for (const w of words) {
      if (w.number ? tokenize(s.text).includes(w.token) : w.terms[0] !== undefined && s.terms.has(w.terms[0])) score++;
    }
    if (!best || score > best.score) best = { start: s.start, end: s.end, score };
  }
  return best;
}

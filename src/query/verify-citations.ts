/**
 * Citation verification for model-written answers (pure). The answer is
 * split into sentences; each sentence keeps only the [n] markers that point
 * at a real source which lexically supports it (claim-support.ts), and a
 * sentence with none left is removed and reported in `removedClaims`.
 *
 * Works incrementally, so streamed text can be released sentence by sentence
 * once it has been checked; the batch form is the same machine fed at once.
 */
import { tuning } from "../config/tuning.js";
import type { Chunk, Citation } from "../core/schemas.js";
import { splitSentences, type TextContext } from "../text/index.js";
import { citationFor } from "../core/citations.js";
import { moveTrailingMarkers, parseMarkers, stripMarkers, withMarkers } from "./citation-markers.js";
import { bestSupportingSentence, checkWords, claimWords, passageTerms, wordFound, type ClaimWord, type PassageTerms, type QuoteSpan } from "./claim-support.js";
import { NOT_IN_SOURCES, NOT_IN_SOURCES_PATTERN } from "./prompts.js";

/** A numbered source the model was shown. */
export interface VerifySource {
  n: number;
  chunk: Chunk;
}

export interface VerifyOptions {
  /** Share of a sentence's content words that must occur in its cited passages. Default: tuning.ts, generative.minSupport. */
  minSupport?: number;
  /** Longest quote (characters) when several claims cite one source and their sentences are merged. Default: tuning.ts, generative.maxQuoteChars. */
  maxQuoteChars?: number;
  /** Document format by id, for citation URLs with #page= for PDFs. */
  formatOf?: (documentId: string) => string | undefined;
}

export interface VerifiedAnswer {
  /** The verified answer, markers renumbered 1..k in order of first use. */
  answer: string;
  citations: Citation[];
  /** Sentences removed because no valid, supporting citation remained (markers stripped). */
  removedClaims: string[];
  /** True when no claim survived and the model said the sources do not answer. */
  abstained: boolean;
  /** Number of claims that passed. */
  acceptedClaims: number;
}

/** Lead-ins ("Så här gör du:"), headings and empty lines: not claims, dropped without comment. */
function isConnective(sentence: string, words: ClaimWord[]): boolean {
  const s = sentence.trim();
  if (words.length === 0) return true;
  if (/:$/.test(s)) return true;
  if (/^#{1,6}\s/.test(s)) return true;
  if (/^\*\*[^*]+\*\*:?$/.test(s)) return true;
  return false;
}

function separatorOf(gap: string): string {
  if (/\n[ \t]*\n/.test(gap)) return "\n\n";
  if (gap.includes("\n")) return "\n";
  return " ";
}

/**
 * Incremental verifier: feed it the model's text as it arrives with
 * `write`, release what it returns, and call `end` once. The concatenation
 * of everything returned equals `result.answer`.
 */
export interface StreamingVerifier {
  /** Adds model text; returns verified text that may be shown now ("" if none). */
  write(delta: string): string;
  /**
   * No more text. `flush: false` when the model broke off: an unfinished
   * last sentence is dropped unchecked.
   */
  end(options?: { flush?: boolean }): { emit: string; result: VerifiedAnswer };
}

export function createStreamingVerifier(sources: VerifySource[], text: TextContext, options: VerifyOptions = {}): StreamingVerifier {
  const minSupport = options.minSupport ?? tuning.generative.minSupport;
  const maxQuote = options.maxQuoteChars ?? tuning.generative.maxQuoteChars;
  const byN = new Map(sources.map((s) => [s.n, s]));
  const termsCache = new Map<number, PassageTerms>();
  const termsOf = (n: number) => {
    let t = termsCache.get(n);
    if (!t) termsCache.set(n, (t = passageTerms(byN.get(n)!.chunk, text)));
    return t;
  };

  let buffer = "";
  let emittedAny = false;
  const held: string[] = [];
  const removedClaims: string[] = [];
  let accepted = 0;
  const renumber = new Map<number, number>();
  const quotes = new Map<number, QuoteSpan[]>();

  /** Verifies one complete sentence; returns text to release. */
  function accept(sentence: string, gap: string): string {
    const sep = separatorOf(gap);
    const claim = stripMarkers(sentence);
    if (claim === "") return "";
    const markers = parseMarkers(sentence);
    const words = claimWords(claim, text);
    if (NOT_IN_SOURCES_PATTERN.test(claim)) {
      // Held back: shown only if real claims follow; alone it becomes the fixed abstention phrase.
      held.push(claim);
      return "";
    }
    if (markers.length === 0 && isConnective(claim, words)) return "";
    const valid = markers.filter((n) => byN.has(n));
    const passages = valid.map((n) => ({ n, terms: termsOf(n) }));
    const check = checkWords(words, passages.map((p) => p.terms), minSupport);
    // Keep only the cited sources that actually contribute to the claim.
    const contributing = passages.filter((p) => words.some((w) => wordFound(w, p.terms)));
    if (!check.supported || contributing.length === 0) {
      removedClaims.push(claim);
      return "";
    }
    accepted++;
    const numbers: number[] = [];
    for (const p of contributing) {
      let k = renumber.get(p.n);
      if (k === undefined) renumber.set(p.n, (k = renumber.size + 1));
      numbers.push(k);
      const span = bestSupportingSentence(words, p.terms);
      if (span) quotes.set(p.n, [...(quotes.get(p.n) ?? []), span]);
    }
    const pieces = [...held, withMarkers(claim, numbers)];
    held.length = 0;
    let out = "";
    pieces.forEach((piece, i) => {
      if (emittedAny) out += i === 0 ? sep : " ";
      out += piece;
      emittedAny = true;
    });
    return out;
  }

  /** Releases every sentence whose end is certain: a later sentence has begun and is not just a marker. */
  function drain(final: boolean): string {
    const normalized = moveTrailingMarkers(buffer);
    const sentences = splitSentences(normalized);
    let out = "";
    let consumed = 0;
    const ready = final ? sentences.length : sentences.length - 1;
    for (let i = 0; i < ready; i++) {
      const s = sentences[i]!;
      const next = sentences[i + 1];
      if (!final && next && /^\[/.test(next.text)) break;
      out += accept(s.text, normalized.slice(consumed, s.start));
      consumed = s.end;
    }
    buffer = normalized.slice(consumed);
    return out;
  }

  function citations(): Citation[] {
    const out: Citation[] = [];
    for (const [n, k] of renumber) {
      const c = byN.get(n)!.chunk;
      const spans = quotes.get(n) ?? [];
      let quote: string;
      if (spans.length === 0) quote = c.text.trim();
      else {
        const start = Math.min(...spans.map((s) => s.start));
        const end = Math.max(...spans.map((s) => s.end));
        const first = spans[0]!;
        quote = end - start <= maxQuote ? c.text.slice(start, end) : c.text.slice(first.start, first.end);
      }
      out.push(citationFor(c, k, quote, options.formatOf?.(c.documentId)));
    }
    return out.sort((a, b) => a.n - b.n);
  }

  let answer = "";
  return {
    write(delta) {
      buffer += delta;
      const out = drain(false);
      answer += out;
      return out;
    },
    end(opts = {}) {
      let emit = opts.flush === false ? "" : drain(true);
      if (opts.flush === false) buffer = "";
      const abstained = accepted === 0 && held.length > 0;
      if (abstained) emit += NOT_IN_SOURCES;
      // "… framgår inte av rutinerna" after real claims: a valid statement about what the sources lack.
      else if (held.length > 0) emit += ` ${held.join(" ")}`;
      answer += emit;
      return { emit, result: { answer, citations: abstained ? [] : citations(), removedClaims, abstained, acceptedClaims: accepted } };
    },
  };
}

/**
 * Verifies a complete model answer: see the module comment. Markers pointing
 * at no source are dropped; sentences without a valid, supporting citation
 * are removed and listed in `removedClaims`; each citation quotes the
 * sentence(s) of its chunk that best support the claims citing it, verbatim.
 */
export function verifyCitations(raw: string, sources: VerifySource[], text: TextContext, options: VerifyOptions = {}): VerifiedAnswer {
  const v = createStreamingVerifier(sources, text, options);
  v.write(raw);
  return v.end().result;
}

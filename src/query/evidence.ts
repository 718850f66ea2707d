/**
 * Evidence selection: from the best passages pick the sentences that answer
 * the question, best first; keep a numbered procedure whole when the question
 * asks how to do something. Every piece carries offsets into its chunk so
 * quotes stay verbatim.
 */
import type { Chunk } from "../core/schemas.js";
import { analyzeForIndex, isProcedureQuestion, splitSentences, type TextContext } from "../text/index.js";
import type { AnalyzedQuery } from "./analysis.js";
import { coverage } from "./coverage.js";
import type { Candidate } from "./retrieve.js";

export interface EvidencePiece {
  chunk: Chunk;
  /** Offsets into chunk.text. */
  start: number;
  end: number;
  text: string;
  score: number;
  /** A whole numbered procedure rather than one sentence. */
  procedure: boolean;
}

export interface EvidenceOptions {
  /** Passages considered (best first). */
  passages: number;
  /** Sentences in the answer at most. */
  maxSentences: number;
  /** A further sentence must score at least this share of the best one. */
  relativeFloor: number;
}

export const defaultEvidenceOptions: EvidenceOptions = { passages: 4, maxSentences: 3, relativeFloor: 0.6 };

interface Span {
  start: number;
  end: number;
  text: string;
}

/** Consecutive numbered lines ("1. …", "2) …") of a chunk, as one span. */
function procedureSpans(text: string): Span[] {
  const spans: Span[] = [];
  const lines = [...text.matchAll(/^[ \t]*(\d{1,2})[.)][ \t]+\S.*$/gm)];
  let run: RegExpMatchArray[] = [];
  const close = () => {
    if (run.length >= 2) {
      const start = run[0]!.index!;
      const last = run[run.length - 1]!;
      const end = last.index! + last[0].length;
      spans.push({ start, end, text: text.slice(start, end) });
    }
    run = [];
  };
  for (const m of lines) {
    const prev = run[run.length - 1];
    const contiguous = prev !== undefined && text.slice(prev.index! + prev[0].length, m.index!).trim() === "";
    if (prev && !(contiguous && Number(m[1]) === Number(prev[1]) + 1)) close();
    run.push(m);
  }
  close();
  return spans;
}

/**
 * A sentence that only repeats the question (a FAQ heading, a title, a
 * question in the text) answers nothing: it needs words beyond the question's.
 */
function informationFactor(text: string, terms: Set<string>, queryTerms: Set<string>): number {
  if (/\?\s*$/.test(text)) return 0.3;
  if (terms.size === 0) return 0;
  let novel = 0;
  for (const t of terms) if (!queryTerms.has(t)) novel++;
  const share = novel / terms.size;
  return share < 0.25 ? 0.4 : share < 0.4 ? 0.75 : 1;
}

export function selectEvidence(
  question: string,
  query: AnalyzedQuery,
  candidates: Candidate[],
  text: TextContext,
  options: EvidenceOptions = defaultEvidenceOptions,
): EvidencePiece[] {
  const top = candidates.slice(0, options.passages);
  if (top.length === 0) return [];
  const pieces: EvidencePiece[] = [];
  const wantsProcedure = isProcedureQuestion(question);
  const queryTerms = new Set(query.concepts.flatMap((c) => c.alternatives.map((a) => a.term)));

  top.forEach((cand, rank) => {
    // Earlier passages get a small head start: the ranking already weighed headings and both retrievers.
    const rankPrior = 1 - rank * 0.08;
    const headingTerms = new Set(analyzeForIndex(`${cand.chunk.title} ${cand.chunk.headingPath.join(" ")}`, text));
    const spans: (Span & { procedure: boolean })[] = splitSentences(cand.chunk.text).map((s) => ({ ...s, procedure: false }));
    if (wantsProcedure) for (const p of procedureSpans(cand.chunk.text)) spans.push({ ...p, procedure: true });
    for (const s of spans) {
      if (s.text.trim().length < 3) continue;
      const own = new Set(analyzeForIndex(s.text, text));
      const withContext = new Set([...own, ...headingTerms]);
      const sentenceCov = coverage(query.concepts, own);
      const contextCov = coverage(query.concepts, withContext);
      // Very short fragments (headings, table cells) say little on their own.
      const lengthFactor = Math.min(1, own.size / 4);
      const score =
        (0.65 * sentenceCov + 0.35 * contextCov) *
        rankPrior *
        (0.5 + 0.5 * lengthFactor) *
        informationFactor(s.text, own, queryTerms) *
        (s.procedure ? 1.1 : 1);
      pieces.push({ chunk: cand.chunk, start: s.start, end: s.end, text: s.text, score, procedure: s.procedure });
    }
  });

  pieces.sort((a, b) => b.score - a.score);
  const best = pieces[0];
  if (!best || best.score <= 0) return [];
  const chosen: EvidencePiece[] = [best];
  for (const p of pieces.slice(1)) {
    if (chosen.length >= options.maxSentences) break;
    if (best.procedure) break;
    if (p.score < best.score * options.relativeFloor) break;
    const overlaps = chosen.some((c) => c.chunk.id === p.chunk.id && p.start < c.end && c.start < p.end);
    const duplicate = chosen.some((c) => c.text.trim() === p.text.trim());
    if (overlaps || duplicate || p.procedure) continue;
    chosen.push(p);
  }
  return chosen;
}

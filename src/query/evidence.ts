/**
 * Evidence selection: from the best passages pick the sentences that answer
 * the question, best first; keep a numbered procedure whole when the question
 * asks how to do something. Candidates are single sentences and pairs of
 * adjacent sentences (an answer often sits in the sentence after the one that
 * names the topic). Every piece carries offsets into its chunk so quotes stay
 * verbatim.
 */
import { tuning } from "../config/tuning.js";
import type { Chunk } from "../core/schemas.js";
import {
  analyzeForIndex,
  expectedAnswerType,
  hasAnswerType,
  isProcedureQuestion,
  questionParts,
  splitSentences,
  type TextContext,
} from "../text/index.js";
import { analyzeQuestion, type AnalyzedQuery } from "./analysis.js";
import { coverage } from "./coverage.js";
import type { Candidate } from "./retrieve.js";

export interface EvidencePiece {
  chunk: Chunk;
  /** Offsets into chunk.text. */
  start: number;
  end: number;
  text: string;
  score: number;
  /** Coverage of the question by the piece together with its chunk's title and headings. */
  coverage: number;
  /** A whole numbered procedure rather than sentences. */
  procedure: boolean;
}

export interface EvidenceOptions {
  /** Passages considered (best first). */
  passages: number;
  /** Pieces in the answer at most. */
  maxPieces: number;
  /** A further piece must score at least this share of the best one. */
  relativeFloor: number;
  /** Longest piece, in characters, that is not a procedure. */
  maxPieceChars: number;
  /** A two-part question gets a piece for each part (ABLATE=parts switches it off). */
  answerEachPart?: boolean;
}

const knobs = tuning.evidence;

export const defaultEvidenceOptions: EvidenceOptions = {
  passages: knobs.passages,
  maxPieces: knobs.maxPieces,
  relativeFloor: knobs.relativeFloor,
  maxPieceChars: knobs.maxPieceChars,
};

// Every number of the piece score below is a knob of tuning.ts (evidence), with its range and effect.
const ANSWER_TYPE_BONUS = knobs.answerTypeBonus;
const TYPED_LEAD_FLOOR = knobs.typedLeadFloor;
const PROCEDURE_LEAD_FLOOR = knobs.procedureLeadFloor;
const PAIR_FACTOR = knobs.pairFactor;
const PART_COVERAGE = knobs.partCoverage;

interface Span {
  start: number;
  end: number;
  text: string;
  procedure: boolean;
  /** Two adjacent sentences rather than one. */
  pair?: boolean;
  /** Index terms of the text (set once the span is analysed). */
  terms?: Set<string>;
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
      spans.push({ start, end, text: text.slice(start, end), procedure: true });
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
  const f = knobs.information;
  if (/\?\s*$/.test(text)) return f.questionLine;
  if (terms.size === 0) return 0;
  let novel = 0;
  for (const t of terms) if (!queryTerms.has(t)) novel++;
  const share = novel / terms.size;
  return share < f.fewNovelShare ? f.fewNovelFactor : share < f.someNovelShare ? f.someNovelFactor : 1;
}

/**
 * A short capitalised line standing alone between blank lines, without final
 * punctuation ("5.2 Kostavgift"): the heading of a small section merged into
 * this chunk. List items sit on consecutive lines and table rows have cells.
 */
function isSubheading(chunkText: string, s: { text: string; start: number; end: number }): boolean {
  const line = s.text.trim();
  if (line.length > knobs.subheading.maxChars || /[.!?:;…,]$/.test(line) || line.includes("|") || line.split(/\s+/).length > knobs.subheading.maxWords) return false;
  if (!/^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?\p{Lu}/u.test(line)) return false;
  const before = chunkText.slice(0, s.start);
  const after = chunkText.slice(s.end);
  return (before.trim() === "" || /\n[ \t]*\n\s*$/.test(before)) && (after.trim() === "" || /^\s*\n[ \t]*\n/.test(after));
}

function headingKey(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/[:.]$/, "").toLowerCase();
}

/** Sentences, pairs of adjacent sentences and (when asked for) numbered procedures, each with its index terms. */
function windows(chunk: Chunk, wantsProcedure: boolean, maxChars: number, text: TextContext): Required<Span>[] {
  const chunkText = chunk.text;
  // The chunk repeats its section heading as its first line; the heading is context
  // (scored through headingTerms), not a claim to quote.
  const headings = new Set([chunk.title, ...chunk.headingPath].map(headingKey));
  const sentences = splitSentences(chunkText)
    .filter((s) => s.text.trim().length >= 3 && !headings.has(headingKey(s.text)) && !isSubheading(chunkText, s))
    .map((s) => ({ ...s, procedure: false, pair: false, terms: new Set(analyzeForIndex(s.text, text)) }));
  const out: Required<Span>[] = [...sentences];
  for (let i = 0; i + 1 < sentences.length; i++) {
    const a = sentences[i]!;
    const b = sentences[i + 1]!;
    if (b.end - a.start > maxChars) continue;
    // Terms never span a sentence boundary, so a pair's terms are its sentences' terms.
    out.push({ start: a.start, end: b.end, text: chunkText.slice(a.start, b.end), procedure: false, pair: true, terms: new Set([...a.terms, ...b.terms]) });
  }
  if (wantsProcedure) {
    for (const p of procedureSpans(chunkText)) out.push({ ...p, pair: false, terms: new Set(analyzeForIndex(p.text, text)) });
  }
  return out;
}

/**
 * "Varför …": the sentence that names the case is often followed by the one
 * that gives the reason ("Men bristfällig struktur …"). Extend the piece by
 * that next sentence of the same chunk when it carries a reason cue.
 */
function withFollowingReason(piece: EvidencePiece): EvidencePiece {
  const rest = piece.chunk.text.slice(piece.end);
  const next = splitSentences(rest)[0];
  if (!next || rest.slice(0, next.start).trim() !== "" || next.text.length > knobs.maxReasonChars || !hasAnswerType(next.text, "reason")) return piece;
  const end = piece.end + next.end;
  return { ...piece, end, text: piece.chunk.text.slice(piece.start, end) };
}

/** Moves the best piece that `wanted` accepts to the front, if it scores at least `floor` of the leader. */
function promoteFirst(pieces: EvidencePiece[], wanted: (p: EvidencePiece) => boolean, floor: number): void {
  const found = pieces.find(wanted);
  if (!found || !pieces[0] || found === pieces[0] || found.score < pieces[0].score * floor) return;
  pieces.splice(pieces.indexOf(found), 1);
  pieces.unshift(found);
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
  const answerType = expectedAnswerType(question);
  const queryTerms = new Set(query.concepts.flatMap((c) => c.alternatives.map((a) => a.term)));

  const termsOf = new Map<EvidencePiece, Set<string>>();
  top.forEach((cand, rank) => {
    // Earlier passages get a head start: the ranking already weighed headings and both retrievers.
    const rankPrior = 1 - rank * knobs.rankPriorStep;
    const headingTerms = analyzeForIndex(`${cand.chunk.title} ${cand.chunk.headingPath.join(" ")}`, text);
    for (const s of windows(cand.chunk, wantsProcedure, options.maxPieceChars, text)) {
      const own = s.terms;
      const withContext = new Set([...own, ...headingTerms]);
      const sentenceCov = coverage(query.concepts, own);
      const contextCov = coverage(query.concepts, withContext);
      // Very short fragments (headings, table cells) say little on their own.
      const lengthFactor = Math.min(1, own.size / knobs.fullLengthTerms);
      const score =
        (knobs.sentenceCoverage * sentenceCov + knobs.contextCoverage * contextCov) *
        rankPrior *
        (knobs.shortPieceFloor + (1 - knobs.shortPieceFloor) * lengthFactor) *
        informationFactor(s.text, own, queryTerms) *
        (hasAnswerType(s.text, answerType) ? ANSWER_TYPE_BONUS : 1) *
        (s.pair ? PAIR_FACTOR : 1) *
        (s.procedure ? knobs.procedureBonus : 1);
      const piece = { chunk: cand.chunk, start: s.start, end: s.end, text: s.text, score, coverage: contextCov, procedure: s.procedure };
      // A part is answered by what the piece itself says, not by the headings every piece of its chunk shares.
      termsOf.set(piece, own);
      pieces.push(piece);
    }
  });

  pieces.sort((a, b) => b.score - a.score || a.start - b.start);
  // For "hur många" / "när" questions the direct answer is the best piece that holds a number
  // or a time, if it is nearly as relevant as the best piece overall.
  if (answerType === "number" || answerType === "time" || answerType === "frequency") {
    promoteFirst(pieces, (p) => hasAnswerType(p.text, answerType), TYPED_LEAD_FLOOR);
  }
  // "Hur gör jag …": the numbered steps answer it, even when the sentence introducing them
  // ("Så här gör du en orosanmälan:") repeats more of the question's words.
  if (wantsProcedure) promoteFirst(pieces, (p) => p.procedure, PROCEDURE_LEAD_FLOOR);
  let best = pieces[0];
  if (!best || best.score <= 0) return [];
  if (answerType === "reason" && !best.procedure && !hasAnswerType(best.text, "reason")) best = withFollowingReason(best);
  const chosen: EvidencePiece[] = [best];
  for (const p of pieces.slice(1)) {
    if (chosen.length >= options.maxPieces || best.procedure) break;
    if (p.score < best.score * options.relativeFloor) break;
    const overlaps = chosen.some((c) => c.chunk.id === p.chunk.id && p.start < c.end && c.start < p.end);
    // The same sentence can stand in two chunks (a summary repeated in the body): say it once.
    const repeated = chosen.some((c) => c.text.includes(p.text.trim()) || p.text.includes(c.text.trim()));
    if (overlaps || repeated || p.procedure) continue;
    chosen.push(p);
  }
  if (!best.procedure && (options.answerEachPart ?? true)) answerEachPart(question, chosen, pieces, termsOf, text);
  return chosen;
}

/**
 * A question that asks two things ("Vem beslutar och vad måste göras
 * efteråt?") gets a cited piece for each: when no chosen piece covers a part,
 * the best piece that does is added, even under the relative floor (it answers
 * another question than the best piece does).
 */
function answerEachPart(question: string, chosen: EvidencePiece[], pieces: EvidencePiece[], termsOf: Map<EvidencePiece, Set<string>>, text: TextContext): void {
  const parts = questionParts(question);
  if (parts.length < 2) return;
  const conceptsOf = parts.map((part) => analyzeQuestion(part, text).concepts);
  parts.forEach((part, k) => {
    // What this part asks beyond the others ("efteråt" in "… och vad måste göras efteråt?").
    const others = new Set(conceptsOf.filter((_, j) => j !== k).flatMap((cs) => cs.map((c) => c.term)));
    const own = conceptsOf[k]!.filter((c) => !others.has(c.term));
    const concepts = own.length > 0 ? own : conceptsOf[k]!;
    if (concepts.length === 0) return;
    const type = expectedAnswerType(part);
    const typed = type === "number" || type === "time" || type === "frequency";
    const answers = (p: EvidencePiece) => coverage(concepts, termsOf.get(p) ?? new Set()) >= PART_COVERAGE && (!typed || hasAnswerType(p.text, type));
    if (chosen.some(answers)) return;
    const found = pieces.find((p) => answers(p) && !p.procedure && !chosen.some((c) => c.chunk.id === p.chunk.id && p.start < c.end && c.start < p.end) && !chosen.some((c) => c.text.includes(p.text.trim())));
    if (found) chosen.push(found);
  });
}

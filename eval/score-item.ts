/**
 * Turns one question and the system's response into an ItemReport: resolves
 * every citation to its chunk's full text, annotates gold hits and runs the metrics.
 */
import type { Answer, RetrievedPassage } from "../src/core/schemas.js";
import { goldHits } from "./gold.js";
import type { PassageLike } from "./gold.js";
import {
  abstentionCorrect,
  answerTokenF1,
  citationPrecision,
  citationRecall,
  citationValidity,
  faithfulnessLexical,
  mrrAt10,
  mustIncludeRecall,
  recallAtK,
} from "./metrics.js";
import type { MetricResult, ResolvedCitation } from "./metrics.js";
import type { EvalQuestion } from "./questions.js";
import type { ItemReport } from "./types.js";

/** What the provider call produced for one question. */
export interface CallOutcome {
  response: Answer | null;
  error: string | null;
  latencyMs: number;
}

/** Looks a chunk up by id outside the response (GET /api/sources/:id or the index). */
export type ChunkLookup = (chunkId: string) => Promise<PassageLike | null>;

/**
 * Fetches the text of cited chunks that are not in `response.retrieved`.
 * Each id is looked up once; failures count as "not found".
 */
export async function lookUpMissingChunks(
  response: Answer | null,
  lookup: ChunkLookup,
): Promise<Record<string, { source: string; text: string } | null>> {
  const out: Record<string, { source: string; text: string } | null> = {};
  if (!response) return out;
  const inRetrieved = new Set((response.retrieved ?? []).map((p) => p.chunkId));
  for (const c of response.citations) {
    if (inRetrieved.has(c.chunkId) || c.chunkId in out) continue;
    const found = await lookup(c.chunkId).catch(() => null);
    out[c.chunkId] = found ? { source: found.source, text: found.text } : null;
  }
  return out;
}

/** Pairs each citation with its chunk text: from `retrieved` by chunkId first, then the looked-up chunks. */
export function resolveCitations(
  response: Answer | null,
  lookedUp: Record<string, { source: string; text: string } | null>,
): ResolvedCitation[] {
  if (!response) return [];
  const byId = new Map<string, RetrievedPassage>();
  for (const p of response.retrieved ?? []) if (!byId.has(p.chunkId)) byId.set(p.chunkId, p);
  return response.citations.map((c) => {
    const chunk = byId.get(c.chunkId) ?? lookedUp[c.chunkId] ?? null;
    return {
      n: c.n,
      chunkId: c.chunkId,
      quote: c.quote,
      source: chunk?.source ?? c.source,
      chunkText: chunk?.text ?? null,
      ...(c.alsoIn ? { alsoIn: c.alsoIn } : {}),
    };
  });
}

/** Runs every built-in metric for one item (pure). */
function computeMetrics(q: EvalQuestion, response: Answer | null, citations: readonly ResolvedCitation[]): MetricResult[] {
  const unanswerable = q.type === "unanswerable";
  const golds = unanswerable ? [] : q.sources;
  const retrieved = response?.retrieved ?? [];
  const answer = response?.answer ?? "";
  return [
    recallAtK(retrieved, golds, 1),
    recallAtK(retrieved, golds, 5),
    recallAtK(retrieved, golds, 10),
    mrrAt10(retrieved, golds),
    citationPrecision(citations, golds),
    citationRecall(citations, golds),
    citationValidity(citations),
    mustIncludeRecall(answer, q.mustInclude, unanswerable),
    abstentionCorrect(response?.abstained ?? false, unanswerable),
    answerTokenF1(answer, q.answer),
    faithfulnessLexical(answer, response?.abstained ?? false, citations),
  ];
}

/** Builds the full report entry for one item (pure). */
export function buildItemReport(
  q: EvalQuestion,
  outcome: CallOutcome,
  lookedUpChunks: Record<string, { source: string; text: string } | null>,
  extraMetrics: readonly MetricResult[] = [],
): ItemReport {
  const { response } = outcome;
  const golds = q.type === "unanswerable" ? [] : q.sources;
  const citations = resolveCitations(response, lookedUpChunks);
  const retrieved = (response?.retrieved ?? []).map((p, i) => ({
    rank: i + 1,
    chunkId: p.chunkId,
    source: p.source,
    score: p.score,
    goldHits: goldHits(p, golds),
  }));
  const citationReports = citations.map((c) => ({
    n: c.n,
    chunkId: c.chunkId,
    source: c.source,
    quote: c.quote,
    chunkFound: c.chunkText !== null,
    valid: c.chunkText !== null && c.quote.length > 0 && c.chunkText.includes(c.quote),
    goldHits: goldHits({ source: c.source, text: c.chunkText ?? c.quote, ...(c.alsoIn ? { alsoIn: c.alsoIn } : {}) }, golds),
  }));
  const gold = q.sources.map((s, i) => ({
    ...s,
    firstRetrievedRank: retrieved.find((r) => r.goldHits.includes(i))?.rank ?? null,
    cited: citationReports.some((c) => c.goldHits.includes(i)),
  }));
  return {
    id: q.id,
    type: q.type,
    line: q.line,
    question: q.question,
    previous: q.previous,
    reference: { answer: q.answer, mustInclude: q.mustInclude, sources: q.sources },
    response,
    error: outcome.error,
    latencyMs: outcome.latencyMs,
    lookedUpChunks,
    citations: citationReports,
    retrieved,
    gold,
    metrics: [...computeMetrics(q, response, citations), ...extraMetrics],
  };
}

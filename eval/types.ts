/**
 * Shapes of the evaluation report (report.json). Every key is documented in eval/README.md.
 */
import type { Answer } from "../src/core/schemas.js";
import type { GoldSource } from "./gold.js";
import type { MetricResult } from "./metrics.js";
import type { QuestionIssue, QuestionType } from "./questions.js";

/** Confusion matrix of abstention (positive class = abstain) and the rates derived from it. */
export interface AbstentionStats {
  /** Abstained on an unanswerable question. */
  tp: number;
  /** Abstained on an answerable question. */
  fp: number;
  /** Answered an unanswerable question. */
  fn: number;
  /** Answered an answerable question. */
  tn: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** fp / answerable questions. */
  wrongAbstentionRate: number | null;
}

/** Aggregates over a group of items (all items, or one question type). */
export interface GroupSummary {
  n: number;
  /** Items whose provider call failed (scored as an empty, non-abstaining answer). */
  errors: number;
  /** Flat metric map: means of per-item metrics plus abstention and latency figures. */
  scores: Record<string, number | null>;
  abstention: AbstentionStats;
  latencyMs: { p50: number | null; p95: number | null; max: number | null };
}

interface CitationReport {
  n: number;
  chunkId: string;
  source: string;
  quote: string;
  /** False when the chunk text could not be found (not in `retrieved`, not by lookup). */
  chunkFound: boolean;
  /** Quote is a verbatim substring of the chunk text. */
  valid: boolean;
  /** Indexes into `reference.sources` this citation hits. */
  goldHits: number[];
}

interface RetrievedReport {
  /** 1-based rank as returned. */
  rank: number;
  chunkId: string;
  source: string;
  score: number;
  goldHits: number[];
}

interface GoldReport extends GoldSource {
  /** Rank of the first retrieved passage hitting this source, null if none did. */
  firstRetrievedRank: number | null;
  cited: boolean;
}

/** One evaluated question. */
export interface ItemReport {
  id: string;
  type: QuestionType;
  /** Line in the questions file. */
  line: number;
  question: string;
  previous: { question: string; answer: string }[];
  reference: { answer: string; mustInclude: string[]; sources: GoldSource[] };
  /** The API's Answer, unchanged (null if the call failed). */
  response: Answer | null;
  error: string | null;
  /** Wall time of the call as seen by the harness, ms. */
  latencyMs: number;
  /** Full text of cited chunks not present in `response.retrieved`, as looked up. */
  lookedUpChunks: Record<string, { source: string; text: string } | null>;
  citations: CitationReport[];
  retrieved: RetrievedReport[];
  gold: GoldReport[];
  metrics: MetricResult[];
}

interface ReportConfig {
  mode: "in-process" | "http";
  /** Name of the baseline that answered instead of the system ("bm25-1000"); absent or null for the system itself. */
  baseline?: string | null;
  timestamp: string;
  questionsFile: string;
  corpusDir: string;
  indexDir: string | null;
  url: string | null;
  /** Directory report.json/html were written to, null when not written. */
  outDir: string | null;
  gitCommit: string | null;
  /** Index manifest, when known (in-process mode). */
  indexManifest: unknown;
  settings: Record<string, unknown>;
}

export interface Report {
  summary: GroupSummary;
  byType: Partial<Record<QuestionType, GroupSummary>>;
  items: ItemReport[];
  config: ReportConfig;
  /** Problems found while loading the question file. */
  issues: QuestionIssue[];
}

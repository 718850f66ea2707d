/**
 * The evaluation run, wired top to bottom:
 * load questions → pick provider (in process or HTTP) → ask each question →
 * resolve cited chunks → score → aggregate → write report.json and report.html.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Config } from "../src/config/env.js";
import { aggregate } from "./aggregate.js";
import type { Judge } from "./judge.js";
import type { MetricResult } from "./metrics.js";
import { buildAskRequest, createHttpProvider } from "./providers.js";
import type { AnswerProvider } from "./providers.js";
import { loadQuestions } from "./questions.js";
import { renderReportHtml } from "./report-html.js";
import { buildItemReport, lookUpMissingChunks, resolveCitations } from "./score-item.js";
import type { ItemReport, Report } from "./types.js";

const EVAL_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.dirname(EVAL_DIR);

export interface RunEvalOptions {
  questionsFile: string;
  corpusDir: string;
  /** In-process index location; default data/eval-index/<corpus name>-<hash of its path>. */
  indexDir?: string;
  /** Where report.json/html go; default eval/reports/<timestamp>; null writes nothing. */
  outDir?: string | null;
  /** Base URL of a running server: HTTP mode. Without it the pipeline runs in process. */
  url?: string;
  /** Extra HTTP headers (HTTP mode). */
  headers?: Record<string, string>;
  /** Evaluate only the first N questions. */
  limit?: number;
  /** options.topK sent with every question; default 10. */
  topK?: number;
  /** Base configuration for in-process mode (default: loadConfig()). */
  config?: Config;
  /** Use this provider instead of building one (tests, custom systems, a provider shared across sets). */
  provider?: AnswerProvider;
  /** Answer with a naive baseline instead of the system: "bm25" = eval/baseline-bm25.ts (bm25-1000). */
  baseline?: "bm25";
  /** Name recorded as `config.baseline` when `provider` is a baseline (set automatically for `baseline`). */
  baselineName?: string;
  /** Optional LLM judge; off when absent. */
  judge?: Judge;
  onProgress?: (p: { done: number; total: number; id: string }) => void;
  onIngestProgress?: (p: { done: number; total: number; current: string }) => void;
  /** Clock, for reproducible timestamps in tests. */
  now?: () => Date;
}

/** Default in-process index directory for a corpus, stable per corpus path. */
export function defaultIndexDir(corpusDir: string): string {
  const abs = path.resolve(corpusDir);
  const hash = createHash("sha256").update(abs).digest("hex").slice(0, 8);
  return path.resolve("data", "eval-index", `${path.basename(abs)}-${hash}`);
}

/** HEAD commit of the repository, null when git is unavailable or there are no commits. */
export async function gitCommit(cwd = REPO_ROOT): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)("git", ["rev-parse", "HEAD"], { cwd, timeout: 5000 });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/** Writes report.json and report.html into `outDir` (created if needed). */
async function writeReport(report: Report, outDir: string): Promise<{ json: string; html: string }> {
  await mkdir(outDir, { recursive: true });
  const json = path.join(outDir, "report.json");
  const html = path.join(outDir, "report.html");
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(html, renderReportHtml(report));
  return { json, html };
}

async function judgeItem(judge: Judge, item: ItemReport): Promise<MetricResult[]> {
  const r = item.response;
  if (!r) return [];
  const contexts = resolveCitations(r, item.lookedUpChunks).map((c) => c.chunkText ?? c.quote);
  try {
    return await judge.judge({ question: item.question, answer: r.answer, reference: item.reference.answer, contexts });
  } catch (err) {
    const comment = `judge failed: ${(err as Error).message}`;
    return [
      { key: "faithfulness", score: null, comment },
      { key: "answer_correctness", score: null, comment },
    ];
  }
}

/** Runs the evaluation and returns the report (also written to disk unless outDir is null). */
export async function runEval(options: RunEvalOptions): Promise<Report> {
  const now = options.now ?? (() => new Date());
  const timestamp = now().toISOString();
  const topK = options.topK ?? 10;
  const corpusDir = path.resolve(options.corpusDir);
  const questionsFile = path.resolve(options.questionsFile);

  const loaded = await loadQuestions(questionsFile, corpusDir);
  const questions = options.limit !== undefined ? loaded.questions.slice(0, options.limit) : loaded.questions;

  let indexDir: string | null = null;
  let provider: AnswerProvider;
  let baselineName = options.baselineName ?? null;
  if (options.provider) {
    provider = options.provider;
    if (options.indexDir && !baselineName) indexDir = path.resolve(options.indexDir);
  } else if (options.baseline === "bm25") {
    const { createBm25BaselineProvider } = await import("./baseline-bm25.js");
    const baseline = await createBm25BaselineProvider(corpusDir);
    provider = baseline;
    baselineName = baseline.baseline;
  } else if (options.url) {
    provider = createHttpProvider({ baseUrl: options.url, ...(options.headers ? { headers: options.headers } : {}) });
  } else {
    indexDir = path.resolve(options.indexDir ?? defaultIndexDir(corpusDir));
    const { createInProcessProvider } = await import("./in-process.js");
    provider = await createInProcessProvider({
      corpusDir,
      indexDir,
      ...(options.config ? { config: options.config } : {}),
      ...(options.onIngestProgress ? { onIngestProgress: options.onIngestProgress } : {}),
    });
  }

  const items: ItemReport[] = [];
  try {
    for (const [i, q] of questions.entries()) {
      const started = performance.now();
      let outcome;
      try {
        const response = await provider.ask(buildAskRequest(q, topK));
        outcome = { response, error: null, latencyMs: performance.now() - started };
      } catch (err) {
        outcome = { response: null, error: (err as Error).message, latencyMs: performance.now() - started };
      }
      const lookedUp = await lookUpMissingChunks(outcome.response, (id) => provider.getChunk(id));
      let item = buildItemReport(q, outcome, lookedUp);
      if (options.judge) item = { ...item, metrics: [...item.metrics, ...(await judgeItem(options.judge, item))] };
      items.push(item);
      options.onProgress?.({ done: i + 1, total: questions.length, id: q.id });
    }
  } finally {
    await provider.close();
  }

  const { summary, byType } = aggregate(items);
  const outDir =
    options.outDir === null ? null : path.resolve(options.outDir ?? path.join(EVAL_DIR, "reports", timestamp.replace(/[:.]/g, "-")));
  const report: Report = {
    summary,
    byType,
    items,
    config: {
      mode: provider.mode,
      baseline: baselineName,
      timestamp,
      questionsFile,
      corpusDir,
      indexDir,
      url: options.url ?? null,
      outDir,
      gitCommit: await gitCommit(),
      indexManifest: provider.indexManifest ?? null,
      settings: {
        topK,
        includeRetrieved: true,
        limit: options.limit ?? null,
        questionsLoaded: loaded.questions.length,
        questionsEvaluated: questions.length,
        judge: options.judge?.name ?? null,
        provider: provider.settings,
      },
    },
    issues: loaded.issues,
  };
  if (outDir) await writeReport(report, outDir);
  return report;
}

/**
 * Runs the question-set suite (eval/sets.json): every chosen set in process,
 * one index (and one answer service) per corpus shared by the sets over it,
 * each set's report.json/report.html in OUT/<name>/, and OUT/suite.json plus
 * OUT/suite.md with the aggregate figures. Only aggregates go into suite.json
 * and suite.md, so they can be read for judge sets too.
 */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../src/config/env.js";
import { summarizeCalibration } from "./calibration.js";
import type { AnswerProvider } from "./providers.js";
import { QUESTION_TYPES, type QuestionType } from "./questions.js";
import { defaultIndexDir, gitCommit, runEval } from "./run.js";
import type { QuestionSet, SetRole } from "./sets.js";

/** Columns of the suite table (overall scores). */
export const SUITE_KEYS = [
  "recall@5",
  "mrr@10",
  "must_include_recall",
  "citation_precision",
  "abstention_f1",
  "wrong_abstention_rate",
  "latency_p95_ms",
] as const;

/** Columns of the per-type tables. */
export const SUITE_TYPE_KEYS = ["recall@5", "must_include_recall", "wrong_abstention_rate"] as const;

interface SuiteSetResult {
  name: string;
  role: SetRole;
  description: string;
  questions: string;
  corpus: string;
  n: number;
  errors: number;
  /** Question-file issues (skipped lines and warnings); counts only. */
  issues: { skipped: number; warnings: number };
  /** Overall scores of the set (the report's summary.scores). */
  scores: Record<string, number | null>;
  /** Per question type present: n and scores. */
  byType: Partial<Record<QuestionType, { n: number; scores: Record<string, number | null> }>>;
  /** Brier score and ECE of `response.confidence`; null when no answer carried one. */
  calibration: { n: number; brier: number | null; ece: number | null } | null;
  /** Folder with the set's report.json and report.html. */
  reportDir: string;
  indexDir: string | null;
}

export interface SuiteResult {
  timestamp: string;
  gitCommit: string | null;
  setsFile: string | null;
  /** "bm25-1000" when the baseline answered, else null. */
  baseline: string | null;
  /** Components switched off (ABLATE) for the system; empty for the default and the baseline. */
  ablate: string[];
  outDir: string;
  sets: SuiteSetResult[];
}

export interface RunSuiteOptions {
  sets: readonly QuestionSet[];
  outDir: string;
  setsFile?: string;
  /** Answer with the naive baseline instead of the system. */
  baseline?: "bm25";
  /** Base configuration (default loadConfig(), which reads ABLATE from the environment). */
  config?: Config;
  /**
   * Index directory for a corpus. Default: runEval's default (keyed on the
   * corpus path). See `analyzerIndexDir` for ablation runs.
   */
  indexDirFor?: (corpusDir: string, config: Config) => string | Promise<string>;
  limit?: number;
  topK?: number;
  onSetStart?: (set: QuestionSet, index: number, total: number) => void;
  onProgress?: (p: { set: string; done: number; total: number; id: string }) => void;
  onIngestProgress?: (p: { done: number; total: number; current: string }) => void;
  now?: () => Date;
}

/**
 * Index directory per (corpus, analyzer-affecting configuration): the default
 * directory when the configuration's analyzer version (src/query/analysis.ts
 * `analyzerVersionFor`, which also covers the control ablation) equals the
 * default one, else `<default>-an<hash of the analyzer version>`. Ablation runs
 * then never rebuild one index back and forth between configurations.
 */
export async function analyzerIndexDir(corpusDir: string, config: Config): Promise<string> {
  const { analyzerVersionFor } = await import("../src/text/index-terms.js");
  const version = analyzerVersionFor(config);
  const base = defaultIndexDir(corpusDir);
  if (version === analyzerVersionFor({ ablate: [] })) return base;
  return `${base}-an${createHash("sha256").update(version).digest("hex").slice(0, 8)}`;
}

/** A provider whose close() does nothing, so one provider serves several runEval calls. */
function shared(provider: AnswerProvider): AnswerProvider {
  return {
    mode: provider.mode,
    indexManifest: provider.indexManifest,
    settings: provider.settings,
    ask: (r) => provider.ask(r),
    getChunk: (id) => provider.getChunk(id),
    close: async () => {},
  };
}

export async function runSuite(options: RunSuiteOptions): Promise<SuiteResult> {
  const now = options.now ?? (() => new Date());
  const timestamp = now().toISOString();
  const outDir = path.resolve(options.outDir);
  const { loadConfig } = await import("../src/config/env.js");
  const config = options.config ?? loadConfig();
  const providers = new Map<string, { provider: AnswerProvider; indexDir: string | null; baselineName: string | null }>();
  const results: SuiteSetResult[] = [];

  const providerFor = async (corpus: string) => {
    const known = providers.get(corpus);
    if (known) return known;
    let entry;
    if (options.baseline === "bm25") {
      const { createBm25BaselineProvider } = await import("./baseline-bm25.js");
      const p = await createBm25BaselineProvider(corpus);
      entry = { provider: p, indexDir: null, baselineName: p.baseline };
    } else {
      const indexDir = path.resolve(options.indexDirFor ? await options.indexDirFor(corpus, config) : defaultIndexDir(corpus));
      const { createInProcessProvider } = await import("./in-process.js");
      const p = await createInProcessProvider({
        corpusDir: corpus,
        indexDir,
        config,
        ...(options.onIngestProgress ? { onIngestProgress: options.onIngestProgress } : {}),
      });
      entry = { provider: p, indexDir, baselineName: null };
    }
    providers.set(corpus, entry);
    return entry;
  };

  try {
    for (const [i, set] of options.sets.entries()) {
      options.onSetStart?.(set, i, options.sets.length);
      const { provider, indexDir, baselineName } = await providerFor(set.corpus);
      const reportDir = path.join(outDir, set.name);
      const report = await runEval({
        questionsFile: set.questions,
        corpusDir: set.corpus,
        outDir: reportDir,
        provider: shared(provider),
        ...(indexDir ? { indexDir } : {}),
        ...(baselineName ? { baselineName } : {}),
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
        ...(options.topK !== undefined ? { topK: options.topK } : {}),
        onProgress: (p) => options.onProgress?.({ set: set.name, ...p }),
        now,
      });
      const byType: SuiteSetResult["byType"] = {};
      for (const type of QUESTION_TYPES) {
        const g = report.byType[type];
        if (g) byType[type] = { n: g.n, scores: g.scores };
      }
      const cal = summarizeCalibration(report.items);
      results.push({
        name: set.name,
        role: set.role,
        description: set.description,
        questions: set.questions,
        corpus: set.corpus,
        n: report.summary.n,
        errors: report.summary.errors,
        issues: {
          skipped: report.issues.filter((x) => x.severity === "skipped").length,
          warnings: report.issues.filter((x) => x.severity === "warning").length,
        },
        scores: report.summary.scores,
        byType,
        calibration: cal.n ? { n: cal.n, brier: cal.brier, ece: cal.ece } : null,
        reportDir,
        indexDir,
      });
    }
  } finally {
    for (const { provider } of providers.values()) await provider.close();
  }

  const baselineName = options.baseline === "bm25" ? (await import("./baseline-bm25.js")).BASELINE_NAME : null;
  const result: SuiteResult = {
    timestamp,
    gitCommit: await gitCommit(),
    setsFile: options.setsFile ? path.resolve(options.setsFile) : null,
    baseline: baselineName,
    ablate: baselineName ? [] : [...config.ablate],
    outDir,
    sets: results,
  };
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, "suite.json"), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(path.join(outDir, "suite.md"), renderSuiteMarkdown(result));
  return result;
}

/** 3 decimals, whole milliseconds for latencies, "–" for null. */
export function fmtScore(value: number | null | undefined, key = ""): string {
  if (value === null || value === undefined) return "–";
  return key.endsWith("_ms") ? String(Math.round(value)) : value.toFixed(3);
}

const LABELS: Record<string, string> = {
  "recall@5": "recall@5",
  "mrr@10": "mrr@10",
  must_include_recall: "must-include",
  citation_precision: "cit. precision",
  abstention_f1: "abstention F1",
  wrong_abstention_rate: "wrong abst. ↓",
  latency_p95_ms: "p95 ms ↓",
};

export function label(key: string): string {
  return LABELS[key] ?? key;
}

function mdRow(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
}

/** suite.md: the suite table (with Brier and ECE), then one per-type table per set. */
function renderSuiteMarkdown(result: SuiteResult): string {
  const lines: string[] = [];
  lines.push(`# Eval suite ${result.timestamp}`, "");
  lines.push(
    `Commit ${result.gitCommit ?? "unknown"} · ${result.baseline ? `baseline: ${result.baseline}` : `system, ABLATE=${result.ablate.join(",") || "(none: all on)"}`}`,
    "",
  );
  const head = ["set", "role", "n", ...SUITE_KEYS.map(label), "Brier ↓", "ECE ↓"];
  lines.push(mdRow(head), mdRow(head.map(() => "---")));
  for (const s of result.sets) {
    lines.push(
      mdRow([
        s.name,
        s.role,
        `${s.n}${s.errors ? ` (${s.errors} errors)` : ""}`,
        ...SUITE_KEYS.map((k) => fmtScore(s.scores[k], k)),
        fmtScore(s.calibration?.brier),
        fmtScore(s.calibration?.ece),
      ]),
    );
  }
  lines.push("", "↓ lower is better. Brier and ECE: calibration of `response.confidence` (– when answers carry none).", "");
  for (const s of result.sets) {
    lines.push(`## ${s.name} (${s.role})`, "", s.description, "");
    const th = ["type", "n", ...SUITE_TYPE_KEYS.map(label)];
    lines.push(mdRow(th), mdRow(th.map(() => "---")));
    for (const [type, g] of Object.entries(s.byType)) {
      if (g) lines.push(mdRow([type, String(g.n), ...SUITE_TYPE_KEYS.map((k) => fmtScore(g.scores[k], k))]));
    }
    if (s.calibration) {
      lines.push("", `Calibration: Brier ${fmtScore(s.calibration.brier)}, ECE ${fmtScore(s.calibration.ece)} over ${s.calibration.n} answers with a confidence.`);
    }
    if (s.issues.skipped || s.issues.warnings) {
      lines.push("", `Question file: ${s.issues.skipped} line(s) skipped, ${s.issues.warnings} warning(s) (see the set's report).`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

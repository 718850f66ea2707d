/**
 * CLI: npm run eval -- --questions FILE --corpus DIR [--index DIR] [--out DIR]
 *   [--url BASE_URL] [--limit N] [--top-k N] [--header "Name: value"]...
 *   [--compare OLD_REPORT] [--judge-url URL --judge-model MODEL [--judge-api-key KEY]]
 *   [--baseline bm25]
 * Suite: npm run eval -- --suite [FILE] [--sets a,b] [--role judge|diagnose] [--out DIR]
 *   [--baseline bm25] [--index-per-analyzer] [--limit N] [--top-k N]
 * Progress goes to stderr, the summary table to stdout. Exit 0 on a completed
 * run (regressions found by --compare are printed, not fatal), 1 on failure, 2 on bad usage.
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import Table from "cli-table3";
import { AppError } from "../src/core/errors.js";
import { compareReports, comparisonNotes, loadReport } from "./compare.js";
import { EvalUsageError } from "./errors.js";
import { createOpenAiCompatibleJudge } from "./judge.js";
import { runEval } from "./run.js";
import { DEFAULT_SETS_FILE, loadSets, selectSets, SET_ROLES, type SetRole } from "./sets.js";
import { analyzerIndexDir, fmtScore, label, runSuite, SUITE_KEYS, SUITE_TYPE_KEYS, type SuiteResult } from "./suite.js";
import type { Report } from "./types.js";

const USAGE = [
  "Usage: npm run eval -- --questions FILE --corpus DIR [--index DIR] [--out DIR] [--url BASE_URL] [--limit N] [--top-k N] [--header 'Name: value'] [--compare OLD_REPORT] [--judge-url URL --judge-model MODEL] [--baseline bm25]",
  "       npm run eval -- --suite [FILE] [--sets a,b] [--role judge|diagnose] [--out DIR] [--baseline bm25] [--index-per-analyzer] [--limit N] [--top-k N]",
].join("\n");

/** `--suite` takes an optional value: a bare `--suite` (last, or followed by a flag) means eval/sets.json. */
export function normalizeSuiteFlag(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (a === "--suite" && (next === undefined || next.startsWith("-"))) out.push(`--suite=${DEFAULT_SETS_FILE}`);
    else out.push(a);
  }
  return out;
}

function fmt(value: number | null | undefined, key = ""): string {
  if (value === null || value === undefined) return "–";
  return key.endsWith("_ms") ? String(Math.round(value)) : value.toFixed(3);
}

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      questions: { type: "string" },
      corpus: { type: "string" },
      index: { type: "string" },
      out: { type: "string" },
      url: { type: "string" },
      limit: { type: "string" },
      "top-k": { type: "string" },
      header: { type: "string", multiple: true },
      compare: { type: "string" },
      "judge-url": { type: "string" },
      "judge-model": { type: "string" },
      "judge-api-key": { type: "string" },
      baseline: { type: "string" },
      suite: { type: "string" },
      sets: { type: "string" },
      role: { type: "string" },
      "index-per-analyzer": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return null;
  if (values.baseline !== undefined && values.baseline !== "bm25") {
    throw new EvalUsageError(`eval: --baseline must be "bm25", got "${values.baseline}"`);
  }
  if (values.role !== undefined && !(SET_ROLES as readonly string[]).includes(values.role)) {
    throw new EvalUsageError(`eval: --role must be one of ${SET_ROLES.join(", ")}, got "${values.role}"`);
  }
  if (values.suite !== undefined) {
    for (const flag of ["questions", "corpus", "index", "url", "compare", "judge-url", "header"] as const) {
      if (values[flag] !== undefined) throw new EvalUsageError(`eval: --${flag} cannot be combined with --suite`);
    }
  } else {
    for (const flag of ["sets", "role", "index-per-analyzer"] as const) {
      if (values[flag] !== undefined) throw new EvalUsageError(`eval: --${flag} needs --suite`);
    }
    if (!values.questions) throw new EvalUsageError("eval: --questions FILE is required");
    if (!values.corpus) throw new EvalUsageError("eval: --corpus DIR is required");
    if (values.baseline && values.url) throw new EvalUsageError("eval: --baseline answers in process; it cannot be combined with --url");
  }
  const int = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new EvalUsageError(`eval: --${name} must be a positive integer, got "${raw}"`);
    return n;
  };
  const headers: Record<string, string> = {};
  for (const h of values.header ?? []) {
    const at = h.indexOf(":");
    if (at < 1) throw new EvalUsageError(`eval: --header must look like "Name: value", got "${h}"`);
    headers[h.slice(0, at).trim()] = h.slice(at + 1).trim();
  }
  if (Boolean(values["judge-url"]) !== Boolean(values["judge-model"])) {
    throw new EvalUsageError("eval: --judge-url and --judge-model go together");
  }
  return { values, limit: int("limit", values.limit), topK: int("top-k", values["top-k"]), headers };
}

function printSummary(report: Report): void {
  const groups = [["overall", report.summary] as const, ...Object.entries(report.byType).filter(([, g]) => g !== undefined)];
  const table = new Table({ head: ["metric", ...groups.map(([name]) => name)], style: { head: [], border: [] } });
  table.push(["n (errors)", ...groups.map(([, g]) => `${g!.n} (${g!.errors})`)]);
  for (const key of Object.keys(report.summary.scores)) {
    table.push([key, ...groups.map(([, g]) => fmt(g!.scores[key], key))]);
  }
  console.log(table.toString());
}

function printComparison(oldReport: Report, report: Report, file: string): void {
  const rows = compareReports(oldReport, report);
  const shown = rows.filter((r) => r.scope === "overall" || r.regression);
  const table = new Table({ head: ["scope", "metric", "old", "new", "delta", ""], style: { head: [], border: [] } });
  for (const r of shown) {
    const delta = r.delta === null ? "–" : `${r.delta >= 0 ? "+" : ""}${fmt(r.delta, r.key)}`;
    table.push([r.scope, r.key, fmt(r.old, r.key), fmt(r.new, r.key), delta, r.regression ? "REGRESSION" : ""]);
  }
  console.log(`\nCompared with ${file}:`);
  for (const note of comparisonNotes(oldReport, report)) console.log(`Note: ${note}`);
  console.log(table.toString());
  const regressions = rows.filter((r) => r.regression);
  console.log(
    regressions.length
      ? `${regressions.length} regression(s) (drop > 0.01 on a higher-is-better metric). Exit code stays 0.`
      : "No regressions.",
  );
}

/** The suite table (one row per set) and, per set, a compact per-type table. Aggregates only. */
export function printSuite(result: SuiteResult): void {
  const table = new Table({ head: ["set", "role", "n", ...SUITE_KEYS.map(label)], style: { head: [], border: [], compact: true } });
  for (const s of result.sets) {
    table.push([s.name, s.role, `${s.n}${s.errors ? ` (${s.errors} err)` : ""}`, ...SUITE_KEYS.map((k) => fmtScore(s.scores[k], k))]);
  }
  console.log(result.baseline ? `baseline: ${result.baseline}` : `system, ABLATE=${result.ablate.join(",") || "(none: all on)"}`);
  console.log(table.toString());
  for (const s of result.sets) {
    const t = new Table({ head: ["type", "n", ...SUITE_TYPE_KEYS.map(label)], style: { head: [], border: [], compact: true } });
    for (const [type, g] of Object.entries(s.byType)) {
      if (g) t.push([type, String(g.n), ...SUITE_TYPE_KEYS.map((k) => fmtScore(g.scores[k], k))]);
    }
    console.log(`\n${s.name} (${s.role})`);
    console.log(t.toString());
  }
}

async function mainSuite(values: ReturnType<typeof parseArgs>["values"] & Record<string, unknown>, limit?: number, topK?: number): Promise<number> {
  const setsFile = String(values.suite);
  const names = typeof values.sets === "string" ? values.sets.split(",").map((x) => x.trim()).filter(Boolean) : undefined;
  const sets = selectSets(await loadSets(setsFile), names, values.role as SetRole | undefined);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const outDir = typeof values.out === "string" ? values.out : `eval/reports/suite-${stamp}`;
  const tty = process.stderr.isTTY;
  const result = await runSuite({
    sets,
    setsFile,
    outDir,
    ...(values.baseline === "bm25" ? { baseline: "bm25" as const } : {}),
    ...(values["index-per-analyzer"] ? { indexDirFor: analyzerIndexDir } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(topK !== undefined ? { topK } : {}),
    onSetStart: (set, i, total) => console.error(`[${i + 1}/${total}] ${set.name} (${set.role})`),
    onIngestProgress: (p) => {
      if (tty) process.stderr.write(`\rindexing ${p.done + 1}/${p.total}\x1b[K`);
    },
    onProgress: ({ set, done, total }) => {
      // No question ids: judge sets are blind.
      if (tty) process.stderr.write(`\r${set} ${done}/${total}\x1b[K${done === total ? "\n" : ""}`);
    },
  });
  printSuite(result);
  console.log(`\nSuite: ${result.outDir}/suite.md (and suite.json; per set: <name>/report.html)`);
  return 0;
}

async function main(): Promise<number> {
  let cli;
  try {
    cli = parseCli(normalizeSuiteFlag(process.argv.slice(2)));
  } catch (err) {
    console.error((err as Error).message);
    console.error(USAGE);
    return 2;
  }
  if (!cli) {
    console.log(USAGE);
    return 0;
  }
  const { values } = cli;
  if (values.suite !== undefined) {
    try {
      return await mainSuite(values, cli.limit, cli.topK);
    } catch (err) {
      if (err instanceof EvalUsageError) {
        console.error(err.message);
        return 2;
      }
      throw err;
    }
  }
  const oldReport = values.compare ? await loadReport(values.compare) : null;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: "eval {bar} {value}/{total} {id}", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let indexing = false;
  const report = await runEval({
    questionsFile: values.questions!,
    corpusDir: values.corpus!,
    ...(values.index ? { indexDir: values.index } : {}),
    ...(values.out ? { outDir: values.out } : {}),
    ...(values.url ? { url: values.url } : {}),
    ...(Object.keys(cli.headers).length ? { headers: cli.headers } : {}),
    ...(cli.limit !== undefined ? { limit: cli.limit } : {}),
    ...(cli.topK !== undefined ? { topK: cli.topK } : {}),
    ...(values.baseline === "bm25" ? { baseline: "bm25" as const } : {}),
    ...(values["judge-url"] && values["judge-model"]
      ? {
          judge: createOpenAiCompatibleJudge({
            baseUrl: values["judge-url"],
            model: values["judge-model"],
            ...(values["judge-api-key"] ? { apiKey: values["judge-api-key"] } : {}),
          }),
        }
      : {}),
    onIngestProgress: (p) => {
      indexing = true;
      if (process.stderr.isTTY) process.stderr.write(`\rindexing ${p.done + 1}/${p.total} ${p.current}\x1b[K`);
    },
    onProgress: ({ done, total, id }) => {
      if (!started) {
        if (indexing && process.stderr.isTTY) process.stderr.write("\n");
        bar.start(total, 0, { id });
        started = true;
      }
      bar.update(done, { id });
    },
  });
  if (started) bar.stop();
  for (const issue of report.issues) {
    console.error(`${report.config.questionsFile}:${issue.line}${issue.id ? ` (${issue.id})` : ""}: ${issue.severity}: ${issue.message}`);
  }
  if (report.config.baseline) console.log(`baseline: ${report.config.baseline}`);
  printSummary(report);
  if (report.config.outDir) console.log(`Report: ${report.config.outDir}/report.html (and report.json)`);
  if (oldReport && values.compare) printComparison(oldReport, report, values.compare);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Our own errors carry a precise message; anything else is a bug, so show where.
    console.error(err instanceof AppError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  },
);

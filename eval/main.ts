/**
 * CLI: npm run eval -- --questions FILE --corpus DIR [--index DIR] [--out DIR]
 *   [--url BASE_URL] [--limit N] [--top-k N] [--header "Name: value"]...
 *   [--compare OLD_REPORT] [--judge-url URL --judge-model MODEL [--judge-api-key KEY]]
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
import type { Report } from "./types.js";

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
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return null;
  if (!values.questions) throw new EvalUsageError("eval: --questions FILE is required");
  if (!values.corpus) throw new EvalUsageError("eval: --corpus DIR is required");
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

async function main(): Promise<number> {
  let cli;
  try {
    cli = parseCli(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    console.error("Usage: npm run eval -- --questions FILE --corpus DIR [--index DIR] [--out DIR] [--url BASE_URL] [--limit N] [--compare OLD_REPORT]");
    return 2;
  }
  if (!cli) {
    console.log("Usage: npm run eval -- --questions FILE --corpus DIR [--index DIR] [--out DIR] [--url BASE_URL] [--limit N] [--top-k N] [--header 'Name: value'] [--compare OLD_REPORT] [--judge-url URL --judge-model MODEL]");
    return 0;
  }
  const { values } = cli;
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

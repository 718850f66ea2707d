/**
 * Ablation over the question-set suite: runs the suite once with every
 * component on, once per component switched off (ABLATE=<component>), and once
 * with the naive bm25-1000 baseline, then prints a Markdown table with, per
 * set, recall@5 / must-include recall / wrong-abstention rate, their unweighted
 * mean over the sets, and each mean's delta against the default row
 * (Δ = default − row: what the component adds; for wrong abstention a negative
 * Δ means the component lowers it, which is good).
 *
 * npm run ablation -- [--role judge|diagnose] [--sets a,b] [--suite FILE] [--out DIR] [--limit N] [--resume]
 * Components: env ABLATE (comma list of names in ABLATABLE, src/config/env.ts);
 * default copies,control,doccontext,thesaurus,lemmas,glossary,compounds,typos,rerank,dense,calibration.
 *
 * Every configuration runs in its own process (`npm run eval -- --suite …
 * --index-per-analyzer` with ABLATE set for it), with an index per (corpus,
 * analyzer version), so configurations that index differently (control,
 * stemming, compounds, …) never rebuild one shared index back and forth.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { ABLATABLE } from "../src/config/env.js";
import { DEFAULT_SETS_FILE, REPO_ROOT, SET_ROLES } from "./sets.js";
import { fmtScore, type SuiteResult } from "./suite.js";

export const DEFAULT_COMPONENTS = [
  "copies",
  "control",
  "doccontext",
  "thesaurus",
  "lemmas",
  "glossary",
  "compounds",
  "typos",
  "rerank",
  "dense",
  "calibration",
] as const;

export const ABLATION_KEYS = [
  { key: "recall@5", label: "R@5" },
  { key: "must_include_recall", label: "MI" },
  { key: "wrong_abstention_rate", label: "WA↓" },
] as const;

export interface AblationRow {
  name: string;
  /** ABLATE value for the run ("" = all on); null for the baseline row. */
  ablate: string | null;
  baseline: boolean;
  slug: string;
}

/** The rows: default, one per component off, then the baseline. */
export function ablationRows(components: readonly string[]): AblationRow[] {
  return [
    { name: "default (all on)", ablate: "", baseline: false, slug: "default" },
    ...components.map((c) => ({ name: `− ${c}`, ablate: c, baseline: false, slug: `no-${c}` })),
    { name: "baseline bm25-1000", ablate: null, baseline: true, slug: "baseline-bm25" },
  ];
}

/** Components from an ABLATE-style list; unknown names are an error. */
export function parseComponents(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === "") return [...DEFAULT_COMPONENTS];
  const names = raw.split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(ABLATABLE as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`ablation: unknown component(s) ${unknown.join(", ")}; known: ${ABLATABLE.join(", ")}`);
  return names;
}

function mean(values: readonly (number | null | undefined)[]): number | null {
  const v = values.filter((x): x is number => typeof x === "number");
  return v.length === values.length && v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : null;
}

function signed(value: number | null): string {
  if (value === null) return "–";
  const s = value.toFixed(3);
  return value > 0 ? `+${s}` : value === 0 ? "0.000" : s;
}

/** The Markdown table; `results[i]` is the suite of `rows[i]`, null when that run failed. */
export function ablationMarkdown(rows: readonly AblationRow[], results: readonly (SuiteResult | null)[]): string {
  const setNames: string[] = [];
  for (const r of results) for (const s of r?.sets ?? []) if (!setNames.includes(s.name)) setNames.push(s.name);
  const head = ["configuration"];
  for (const name of setNames) for (const k of ABLATION_KEYS) head.push(`${name} ${k.label}`);
  for (const k of ABLATION_KEYS) head.push(`mean ${k.label}`, "Δ");
  const meansOf = (r: SuiteResult | null) =>
    ABLATION_KEYS.map((k) => (r ? mean(setNames.map((n) => r.sets.find((s) => s.name === n)?.scores[k.key])) : null));
  const defaultIndex = rows.findIndex((r) => r.ablate === "");
  const defaultMeans = meansOf(defaultIndex >= 0 ? (results[defaultIndex] ?? null) : null);
  const lines = [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`];
  rows.forEach((row, i) => {
    const r = results[i] ?? null;
    const cells = [row.name];
    for (const name of setNames) {
      const s = r?.sets.find((x) => x.name === name);
      for (const k of ABLATION_KEYS) cells.push(r ? fmtScore(s?.scores[k.key]) : "failed");
    }
    meansOf(r).forEach((m, j) => {
      const d = defaultMeans[j];
      cells.push(fmtScore(m), i === defaultIndex || m === null || d === null || d === undefined ? "" : signed(d - m));
    });
    lines.push(`| ${cells.join(" | ")} |`);
  });
  return [
    ...lines,
    "",
    `R@5 = recall@5, MI = must_include_recall, WA↓ = wrong_abstention_rate (lower is better). Mean: unweighted over the ${setNames.length} set(s). Δ = default − row, i.e. what the switched-off component adds (for WA↓ a negative Δ means the component lowers wrong abstentions).`,
  ].join("\n");
}

function runChild(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), ...args], {
      cwd: REPO_ROOT,
      env,
      // The child's tables go to our stderr: stdout is the ablation table only.
      stdio: ["ignore", process.stderr, process.stderr],
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      role: { type: "string", default: "judge" },
      sets: { type: "string" },
      suite: { type: "string", default: DEFAULT_SETS_FILE },
      out: { type: "string" },
      limit: { type: "string" },
      resume: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log("Usage: [ABLATE=a,b] npm run ablation -- [--role judge|diagnose] [--sets a,b] [--suite FILE] [--out DIR] [--limit N] [--resume]");
    return 0;
  }
  if (!(SET_ROLES as readonly string[]).includes(values.role!)) {
    console.error(`ablation: --role must be one of ${SET_ROLES.join(", ")}`);
    return 2;
  }
  let components: string[];
  try {
    components = parseComponents(process.env.ABLATE);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const out = path.resolve(values.out ?? path.join("eval", "reports", `ablation-${new Date().toISOString().replace(/[:.]/g, "-")}`));
  await mkdir(out, { recursive: true });
  const rows = ablationRows(components);
  const results: (SuiteResult | null)[] = [];
  for (const [i, row] of rows.entries()) {
    const dir = path.join(out, row.slug);
    const suiteJson = path.join(dir, "suite.json");
    if (!(values.resume && existsSync(suiteJson))) {
      console.error(`>> [${i + 1}/${rows.length}] ${row.name}${row.baseline ? "" : ` (ABLATE=${row.ablate})`}`);
      const args = ["eval/main.ts", "--suite", values.suite!, "--role", values.role!, "--out", dir];
      if (values.sets) args.push("--sets", values.sets);
      if (values.limit) args.push("--limit", values.limit);
      if (row.baseline) args.push("--baseline", "bm25");
      else args.push("--index-per-analyzer");
      const code = await runChild(args, { ...process.env, ABLATE: row.ablate ?? "" });
      if (code !== 0) {
        console.error(`>> ${row.name} failed (exit ${code})`);
        results.push(null);
        continue;
      }
    }
    results.push(JSON.parse(await readFile(suiteJson, "utf8")) as SuiteResult);
  }
  const table = ablationMarkdown(rows, results);
  const header = `# Ablation ${new Date().toISOString()}\n\nSets: role ${values.role}${values.sets ? `, ${values.sets}` : ""} (${values.suite}). Commit ${results.find((r) => r)?.gitCommit ?? "unknown"}.\n\n`;
  await writeFile(path.join(out, "ablation.md"), `${header}${table}\n`);
  console.log(table);
  console.error(`\nAblation: ${out}/ablation.md (runs in ${out}/<configuration>/)`);
  return results.some((r) => r === null) ? 1 : 0;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, "eval", "ablation.ts");
if (invokedDirectly) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 1;
    },
  );
}

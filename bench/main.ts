/**
 * `npm run bench -- [--docs N] [--chunks10k] [--chunks100k] [--quick] [--profile] [--seed S] [--duration S] [--rebuild]`
 * `npm run bench -- --swap [--corpus DIR] [--askers N]`: only the swap scenario (bench/swap-bench.ts):
 *   answer latency under N askers (default 8) while a full re-index of DIR
 *   (default ../shared/corpora/botkyrka-vo-rutiner) runs and is swapped in.
 *
 * Measures ingest throughput over a generated corpus, offline query latency at
 * 10k and 100k chunks, HTTP throughput of POST /api/ask at 50 concurrent
 * clients, peak RSS and index load time, each beside baselines measured in the
 * same run (raw hnswlib-node search, brute-force cosine, raw pdf-parse). Writes
 * bench/results/<timestamp>.json and prints a table. Every measurement that
 * could disturb another runs in its own process.
 *
 * Without size flags both sizes run (`--quick`: 10k only, a smaller corpus and
 * a shorter load test). Synthetic indexes are cached in bench/results/cache.
 * Never part of `npm test`.
 */
import os from "node:os";
import path from "node:path";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../src/config/env.js";
import { generateCorpus, generateQuestions } from "./generate-corpus.js";
import { runHttpBench, type HttpBenchResult } from "./http-bench.js";
import { renderTable, targetRows, type BenchMeasurements } from "./report.js";
import { runWorker } from "./run-worker.js";
import { runSwapBench } from "./swap-bench.js";
import type { SyntheticIndexResult } from "./synthetic-index.js";
import type { BuildWorkerInput, BuildWorkerOutput } from "./workers/build-worker.js";
import type { IngestWorkerInput, IngestWorkerOutput } from "./workers/ingest-worker.js";
import type { QueryWorkerInput, QueryWorkerOutput } from "./workers/query-worker.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(HERE, "results");
const CACHE = path.join(RESULTS, "cache");

export interface BenchFlags {
  docs: number;
  sizes: number[];
  quick: boolean;
  profile: boolean;
  seed: number;
  durationSeconds: number;
  rebuild: boolean;
  swap: boolean;
  corpus: string;
  askers: number;
}

/** Parse argv; unknown flags are an error so a typo does not silently run the full benchmark. */
export function parseFlags(argv: string[]): BenchFlags {
  const quick = argv.includes("--quick");
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const known = new Set(["--docs", "--chunks10k", "--chunks100k", "--quick", "--profile", "--seed", "--duration", "--rebuild", "--swap", "--corpus", "--askers"]);
  for (const [i, a] of argv.entries()) {
    const prev = argv[i - 1];
    if (a.startsWith("--") && !known.has(a)) throw new Error(`bench: okänd flagga ${a}`);
    if (!a.startsWith("--") && !["--docs", "--seed", "--duration", "--corpus", "--askers"].includes(prev ?? "")) throw new Error(`bench: oväntat argument ${a}`);
  }
  const num = (name: string, def: number): number => {
    const raw = value(name);
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`bench: ${name} måste vara ett positivt tal, fick "${raw}"`);
    return n;
  };
  const sizes: number[] = [];
  if (argv.includes("--chunks10k")) sizes.push(10_000);
  if (argv.includes("--chunks100k")) sizes.push(100_000);
  if (sizes.length === 0) sizes.push(...(quick ? [10_000] : [10_000, 100_000]));
  return {
    docs: Math.round(num("--docs", quick ? 40 : 200)),
    sizes,
    quick,
    profile: argv.includes("--profile"),
    seed: Math.round(num("--seed", 1)),
    durationSeconds: num("--duration", quick ? 5 : 10),
    rebuild: argv.includes("--rebuild"),
    swap: argv.includes("--swap"),
    corpus: value("--corpus") ?? "../shared/corpora/botkyrka-vo-rutiner",
    askers: Math.round(num("--askers", 8)),
  };
}

function log(msg: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.swap) return swapOnly(flags);
  const started = performance.now();
  const loadAtStart = os.loadavg();
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const tmpDir = path.join(CACHE, "tmp");
  const profileDir = flags.profile ? path.join(RESULTS, `profiles-${stamp}`) : undefined;
  await mkdir(CACHE, { recursive: true });
  const config = loadConfig({ NODE_ENV: "production", LOG_LEVEL: "silent", OCR: "off" });
  const questions = generateQuestions(flags.quick ? 150 : 400, flags.seed + 6);
  const measurements: BenchMeasurements = { query: {} };
  const builds: Record<string, SyntheticIndexResult> = {};

  // 1. Ingest over a generated corpus with PDFs.
  const corpusDir = path.join(CACHE, "corpus");
  log(`genererar korpus med ${flags.docs} dokument …`);
  const corpus = await generateCorpus({ dir: corpusDir, docs: flags.docs, seed: flags.seed });
  log(`${corpus.pdfs} PDF (${corpus.pdfPages} sidor), ${corpus.markdown} Markdown på ${corpus.seconds.toFixed(1)} s; läser in …`);
  const ingestIndex = path.join(CACHE, "ingest-index", "index");
  await rm(path.dirname(ingestIndex), { recursive: true, force: true });
  measurements.ingest = await runWorker<IngestWorkerInput, IngestWorkerOutput>(
    "ingest-worker",
    { corpusDir, indexDir: ingestIndex, pdfFiles: corpus.pdfFiles },
    { tmpDir, profileDir },
  );
  log(`inläsning: ${measurements.ingest.chunks} avsnitt på ${measurements.ingest.totalSeconds.toFixed(1)} s`);

  // 2 + 4 + 5. Query latency, RSS, load time and baselines per index size.
  const measureSize = async (size: number): Promise<void> => {
    const indexDir = path.join(CACHE, `index-${size}`, "index");
    if (flags.rebuild) await rm(path.dirname(indexDir), { recursive: true, force: true });
    log(`syntetiskt index med ${size} avsnitt …`);
    builds[size] = await runWorker<BuildWorkerInput, BuildWorkerOutput>("build-worker", { indexDir, chunks: size, seed: flags.seed + size }, { tmpDir });
    log(builds[size].cached ? "  (återanvänt från cache)" : `  byggt: ${JSON.stringify(builds[size].stages)}`);
    measurements.query[size] = await runWorker<QueryWorkerInput, QueryWorkerOutput>(
      "query-worker",
      { indexDir, questions, warmup: 30, baselineQueries: size >= 100_000 ? 60 : 150 },
      { tmpDir, profileDir },
    );
    const q = measurements.query[size];
    log(`  p50 ${q.ask.p50.toFixed(1)} ms, p95 ${q.ask.p95.toFixed(1)} ms, laddning ${(q.loadMs / 1000).toFixed(2)} s, RSS ${q.maxRssMb.toFixed(0)} MB`);
  };

  for (const size of flags.sizes.filter((n) => n <= 10_000)) await measureSize(size);

  // 3. HTTP throughput over the 10k index, before the 100k index is built: this process runs
  // autocannon and must not be busy collecting the garbage of a large build meanwhile.
  let http: HttpBenchResult | undefined;
  if (flags.sizes.includes(10_000)) {
    log(`HTTP: 50 klienter i ${flags.durationSeconds} s …`);
    http = await runHttpBench({
      indexDir: path.join(CACHE, "index-10000", "index"),
      questions,
      connections: 50,
      durationSeconds: flags.durationSeconds,
      warmupSeconds: flags.quick ? 1 : 2,
      profileDir,
    });
    measurements.http = http;
  }

  for (const size of flags.sizes.filter((n) => n > 10_000)) await measureSize(size);

  const rows = targetRows(measurements);
  const result = {
    schemaVersion: 1,
    startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
    seconds: (performance.now() - started) / 1000,
    flags,
    // Other processes on the machine disturb timings; the load average tells a reader how quiet the run was.
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg() },
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "?", totalMemMb: Math.round(os.totalmem() / 1024 / 1024), node: process.version, platform: `${os.platform()} ${os.release()}` },
    config: { embeddings: config.embeddings.provider, dimensions: config.embeddings.dimensions, llm: config.llm.provider },
    corpus: { documents: corpus.documents, pdfs: corpus.pdfs, pdfPages: corpus.pdfPages, markdown: corpus.markdown, generateSeconds: corpus.seconds },
    syntheticIndexes: builds,
    targets: rows,
    measurements,
    ...(profileDir ? { profileDir } : {}),
  };
  const file = path.join(RESULTS, `${stamp}.json`);
  await writeFile(file, JSON.stringify(result, null, 2));
  await rm(tmpDir, { recursive: true, force: true });
  console.log(renderTable(rows));
  console.log(`Resultat: ${path.relative(process.cwd(), file)} (${result.seconds.toFixed(0)} s)${profileDir ? `; profiler i ${path.relative(process.cwd(), profileDir)}` : ""}`);
}

/** The swap scenario alone: prints its phases and writes bench/results/swap-<timestamp>.json. */
async function swapOnly(flags: BenchFlags): Promise<void> {
  await mkdir(CACHE, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const result = await runSwapBench({ corpusDir: path.resolve(flags.corpus), cacheDir: CACHE, askers: flags.askers, log });
  const file = path.join(RESULTS, `swap-${stamp}.json`);
  await writeFile(file, JSON.stringify({ startedAt: new Date().toISOString(), loadAverage: os.loadavg(), machine: { cpus: os.cpus().length, node: process.version }, ...result }, null, 2));
  console.log(`Byte av indexversion under omindexering: ${result.documents} dokument, jobbet ${result.jobStatus} på ${result.jobSeconds} s, ${result.askers} frågare`);
  for (const [name, p] of Object.entries(result.phases)) {
    console.log(`  ${name.padEnd(10)} ${String(p.requests).padStart(6)} frågor  p50 ${p.p50} ms  p99 ${p.p99} ms  max ${p.max} ms  >1 s: ${p.over1s}  fel: ${p.errors}`);
  }
  const job = result.phases.job;
  const pass = job.p99 <= 250 && job.max <= 1000 && result.phases.afterSwap.max <= 1000;
  console.log(`Mål (p99 ≤ 250 ms, ingen fråga över 1 s): ${pass ? "uppfyllt" : "EJ uppfyllt"}. Resultat: ${path.relative(process.cwd(), file)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}

/**
 * `npm run bench -- --swap [--corpus DIR] [--askers N]`: answers while a full
 * re-index of a real library runs and its new version is swapped in (issue
 * 15: during a full re-index of the 1,143 Botkyrka routines under 8
 * concurrent askers, p99 ≤ 250 ms and no request over 1 s).
 *
 * The corpus is ingested once into bench/results/cache/swap-index; the real
 * server (bench/workers/server-worker.ts, wired like src/main.ts) serves
 * it in its own process. N askers post questions back to back; after a
 * baseline period a full re-index job is started through the admin API and
 * the askers go on until a while after the job has swapped the new version
 * in. Latencies are reported for the baseline, the job (ingest + swap) and
 * the seconds right after the swap (the first answers over the new version).
 */
import path from "node:path";
import { rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { runIngest } from "../ingest/pipeline.js";
import { loadConfig } from "../src/config/env.js";
import { forkWorker } from "./run-worker.js";
import { percentile } from "./stats.js";

const ADMIN_TOKEN = "bench-admin-token-0123456789";

const QUESTIONS = [
  "Hur ska jag förvara brukarens nycklar?",
  "Vad gör jag om brukaren inte öppnar dörren?",
  "Hur rapporterar jag en avvikelse?",
  "Vad gäller vid hot och våld?",
  "Hur anmäler jag frånvaro?",
  "Vad är en SIP?",
  "Hur gör jag vid fall?",
  "Vem ansvarar för läkemedel?",
  "Hur hanteras brukarens privata medel?",
  "Vad gäller vid värmebölja?",
  "Hur dokumenterar jag i journalen?",
  "Vad gör jag vid misstanke om stöld?",
];

export interface SwapBenchResult {
  corpusDir: string;
  askers: number;
  documents: number;
  jobSeconds: number;
  jobStatus: string;
  phases: Record<"baseline" | "job" | "afterSwap", { requests: number; p50: number; p99: number; max: number; over1s: number; errors: number }>;
  slowest: { startedAtMs: number; ms: number; phase: "baseline" | "job" | "afterSwap" }[];
}

interface Sample {
  start: number;
  ms: number;
  ok: boolean;
}

function summary(samples: Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    requests: samples.length,
    p50: round(percentile(ms, 50)),
    p99: round(percentile(ms, 99)),
    max: round(ms[ms.length - 1] ?? 0),
    over1s: ms.filter((x) => x > 1000).length,
    errors: samples.filter((s) => !s.ok).length,
  };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

export async function runSwapBench(options: { corpusDir: string; cacheDir: string; askers: number; log: (m: string) => void }): Promise<SwapBenchResult> {
  const indexDir = path.join(options.cacheDir, "swap-index", "index");
  const config = loadConfig({ NODE_ENV: "production", LOG_LEVEL: "silent", OCR: "off", INDEX_DIR: indexDir, CORPUS_DIR: options.corpusDir });
  if (!existsSync(path.join(indexDir, "manifest.json"))) {
    await rm(path.dirname(indexDir), { recursive: true, force: true });
    options.log(`läser in ${options.corpusDir} …`);
    await runIngest({ corpusDir: options.corpusDir, indexDir, config });
  }
  const child = forkWorker("server-worker", [indexDir, options.corpusDir, ADMIN_TOKEN], {});
  const ready = await new Promise<{ port: number }>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`server-worker avslutades (${String(code)})`)));
    child.on("message", (m: { type?: string; port?: number }) => {
      if (m.type === "ready") resolve({ port: m.port! });
    });
  });
  const base = `http://127.0.0.1:${ready.port}`;
  const samples: Sample[] = [];
  let running = true;
  let n = 0;
  const asker = async () => {
    while (running) {
      const question = QUESTIONS[n++ % QUESTIONS.length]!;
      const start = performance.now();
      let ok = false;
      try {
        const res = await fetch(`${base}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
        await res.arrayBuffer();
        ok = res.ok;
      } catch {
        ok = false;
      }
      samples.push({ start, ms: performance.now() - start, ok });
    }
  };
  const askersStart = performance.now();
  const askers = Array.from({ length: options.askers }, () => asker());
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await sleep(3000);
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };
  const jobStart = performance.now();
  const started = await fetch(`${base}/api/admin/reindex`, { method: "POST", headers: admin, body: JSON.stringify({ full: true }) });
  if (!started.ok) throw new Error(`bench: reindex svarade ${started.status}: ${await started.text()}`);
  const { jobId } = (await started.json()) as { jobId: string };
  options.log(`omindexering ${jobId} startad under ${options.askers} frågare …`);
  let status = "running";
  let documents = 0;
  while (status === "running" || status === "queued" || status === "pending") {
    await sleep(250);
    const job = (await (await fetch(`${base}/api/admin/jobs/${jobId}`, { headers: admin })).json()) as { status: string; summary?: { documents?: number }; documents?: { after?: number } };
    status = job.status;
    documents = job.documents?.after ?? job.summary?.documents ?? documents;
  }
  const jobEnd = performance.now();
  await sleep(3000);
  running = false;
  await Promise.all(askers);
  child.send("stop");
  const phase = (from: number, to: number) => summary(samples.filter((s) => s.start >= from && s.start < to));
  return {
    corpusDir: options.corpusDir,
    askers: options.askers,
    documents,
    jobSeconds: round((jobEnd - jobStart) / 1000),
    jobStatus: status,
    phases: { baseline: phase(0, jobStart), job: phase(jobStart, jobEnd), afterSwap: phase(jobEnd, Infinity) },
    // Where the slowest questions of each phase started (ms after the askers began), to tell a cold start from a stall.
    slowest: samples
      .toSorted((a, b) => b.ms - a.ms)
      .slice(0, 8)
      .map((s) => ({ startedAtMs: Math.round(s.start - askersStart), ms: round(s.ms), phase: s.start < jobStart ? "baseline" : s.start < jobEnd ? "job" : "afterSwap" })),
  };
}

/**
 * Child process for the offline query benchmark at one index size. Runs in a
 * fresh process so that index load time and peak RSS belong to this index
 * alone. Measures, in order:
 *   1. load: `openAnswerService` (what the server does at start) and the raw
 *      `HierarchicalNSW.readIndex` of the same vector file (baseline);
 *   2. the first answer (lazy dictionary and typo index are built on first use);
 *   3. `ask()` latency over the questions after a warm-up;
 *   4. peak RSS (before any baseline allocates its own copy of the vectors);
 *   5. timing sections of one query (embed, analyse, lexical, dense) and the
 *      baselines: raw hnswlib-node `searchKnn` with the same ef and k, and
 *      brute-force cosine over the same vectors.
 * Usage: tsx bench/workers/query-worker.ts <input.json> <output.json>
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import hnswlib from "hnswlib-node";
import { loadConfig } from "../../src/config/env.js";
import { tuning } from "../../src/config/tuning.js";
import { openAnswerService } from "../../src/lifecycle/open-answer-service.js";
import { analyzeQuestion } from "../../src/query/analysis.js";
import { textFeatures } from "../../src/text/index-terms.js";
import { collectVocabulary, createTextContext, loadGlossary } from "../../src/text/index.js";
import { summarize, timeEach, type LatencySummary } from "../stats.js";

export interface QueryWorkerInput {
  indexDir: string;
  questions: string[];
  warmup: number;
  /** Questions used for the (slower) brute-force baseline. */
  baselineQueries: number;
}

export interface QueryWorkerOutput {
  chunks: number;
  dimensions: number;
  loadMs: number;
  rawHnswLoadMs: number;
  firstAnswerMs: number;
  ask: LatencySummary;
  /** Mean CPU time per answer (user + system), ms; 1000 / this is the one-core ceiling in answers/s. */
  askCpuMsMean: number;
  abstainedShare: number;
  maxRssMb: number;
  heapUsedMb: number;
  sections: Record<string, LatencySummary>;
  baselines: { rawHnsw: LatencySummary; bruteForce: LatencySummary; recallAt10: number };
}

async function main(): Promise<void> {
  const [inputFile, outputFile] = process.argv.slice(2);
  if (!inputFile || !outputFile) throw new Error("query-worker: usage: query-worker <input.json> <output.json>");
  const input = JSON.parse(await readFile(inputFile, "utf8")) as QueryWorkerInput;
  const config = loadConfig({ NODE_ENV: "production", LOG_LEVEL: "silent", OCR: "off", INDEX_DIR: input.indexDir });

  let t = performance.now();
  const service = await openAnswerService(config, input.indexDir);
  const loadMs = performance.now() - t;
  const index = service.index;
  if (!index.vectors) throw new Error(`query-worker: index ${input.indexDir} has no vectors`);

  t = performance.now();
  await service.ask({ question: input.questions[0]! });
  const firstAnswerMs = performance.now() - t;

  for (const q of input.questions.slice(0, input.warmup)) await service.ask({ question: q });
  let abstained = 0;
  // CPU time is less disturbed than wall time by other processes on a shared machine.
  const cpuBefore = process.cpuUsage();
  const askTimes = await timeEach(input.questions, async (question) => {
    const a = await service.ask({ question });
    if (a.abstained) abstained++;
  });
  const cpu = process.cpuUsage(cpuBefore);
  const askCpuMsMean = (cpu.user + cpu.system) / 1000 / input.questions.length;
  const usage = process.resourceUsage();
  const maxRssMb = usage.maxRSS / 1024;
  const heapUsedMb = process.memoryUsage().heapUsed / 1024 / 1024;

  // Timing sections: the stages of retrieval, measured one by one on the same questions.
  const store = index.vectors;
  const hnsw = store.index;
  const embeddings = store.embeddings;
  const k = Math.min(tuning.retrieval.candidates, index.chunks.length);
  const text = createTextContext({
    glossary: loadGlossary(index.glossaryPath),
    vocabulary: collectVocabulary(index.chunks.map((c) => `${c.title} ${c.text}`)),
    idf: (term) => index.lexical.idf(term),
    features: textFeatures(config),
  });
  const qs = input.questions;
  const vectors = await Promise.all(qs.map((q) => embeddings.embedQuery(q)));
  const analyzed = qs.map((q) => analyzeQuestion(q, text, (term) => index.lexical.has(term)));
  const sections: Record<string, LatencySummary> = {
    embedQuery: summarize(await timeEach(qs, (q) => embeddings.embedQuery(q))),
    analyzeQuestion: summarize(await timeEach(qs, (q) => analyzeQuestion(q, text, (term) => index.lexical.has(term)))),
    lexicalSearch: summarize(await timeEach(analyzed, (a) => index.lexical.search(a.terms, k))),
    denseSearchLangchain: summarize(await timeEach(vectors, (v) => store.similaritySearchVectorWithScore(v, k))),
  };

  // Baseline 1: raw hnswlib-node on the same graph, same ef and k.
  const rawHnsw = summarize(await timeEach(vectors, (v) => hnsw.searchKnn(v, k)));
  t = performance.now();
  const raw = new hnswlib.HierarchicalNSW("cosine", hnsw.getNumDimensions());
  await raw.readIndex(path.join(index.dir, "vectors", "hnswlib.index"));
  const rawHnswLoadMs = performance.now() - t;

  // Baseline 2: brute-force cosine (vectors are stored normalised, so a dot product) with top-k selection.
  const n = hnsw.getCurrentCount();
  const dims = hnsw.getNumDimensions();
  const flat = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) flat.set(hnsw.getPoint(i), i * dims);
  const brute = (query: number[]): number[] => bruteForceTopK(flat, n, dims, Float32Array.from(query), k);
  const bq = vectors.slice(0, input.baselineQueries);
  const bruteForce = summarize(await timeEach(bq, brute));
  let hits = 0;
  for (const v of bq) {
    const exact = new Set(brute(v).slice(0, 10));
    const approx = hnsw.searchKnn(v, 10).neighbors;
    hits += approx.filter((x) => exact.has(x)).length;
  }

  const out: QueryWorkerOutput = {
    chunks: index.chunks.length,
    dimensions: dims,
    loadMs,
    rawHnswLoadMs,
    firstAnswerMs,
    ask: summarize(askTimes),
    askCpuMsMean,
    abstainedShare: abstained / askTimes.length,
    maxRssMb,
    heapUsedMb,
    sections,
    baselines: { rawHnsw, bruteForce, recallAt10: hits / (bq.length * 10) },
  };
  await writeFile(outputFile, JSON.stringify(out, null, 2));
}

/** Exact top-k by dot product; a sorted insertion list is enough for k ≪ n. */
export function bruteForceTopK(flat: Float32Array, n: number, dims: number, q: Float32Array, k: number): number[] {
  const topIds: number[] = [];
  const topScores: number[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    const base = i * dims;
    for (let d = 0; d < dims; d++) s += flat[base + d]! * q[d]!;
    if (topScores.length === k && s <= topScores[k - 1]!) continue;
    let j = topScores.length < k ? topScores.length : k - 1;
    while (j > 0 && topScores[j - 1]! < s) {
      if (j < k) {
        topScores[j] = topScores[j - 1]!;
        topIds[j] = topIds[j - 1]!;
      }
      j--;
    }
    topScores[j] = s;
    topIds[j] = i;
  }
  return topIds;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});

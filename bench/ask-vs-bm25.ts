/**
 * `npm run bench:ask -- [--corpus DIR] [--questions FILE]... [--rounds N]`
 *
 * Ask latency against the naive baseline on the same corpus and machine:
 * Rutinsvar's whole `ask` (retrieval, evidence, composition; offline default)
 * beside a MiniSearch BM25 over 1,000-character windows answering the same
 * questions (eval/baseline-bm25.ts). The two are interleaved question by
 * question, so load from elsewhere slows both alike. Target (issue 14): p95
 * within 3× the baseline's. Timing lives here, never in tests.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { runIngest } from "../ingest/pipeline.js";
import { loadConfig } from "../src/config/env.js";
import { indexExists } from "../src/core/index-store.js";
import { openAnswerService } from "../src/lifecycle/open-answer-service.js";
import { tuning } from "../src/config/tuning.js";
import { LexicalIndex } from "../src/core/lexical-index.js";
import { baselineAnswer, createBm25Index, readBaselineCorpus } from "../eval/baseline-bm25.js";
import { percentile } from "./stats.js";

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: "../shared/corpora/botkyrka-vo-rutiner" },
    questions: { type: "string", multiple: true },
    rounds: { type: "string", default: "5" },
  },
});
const corpus = path.resolve(values.corpus!);
const questionFiles = values.questions ?? ["eval/questions-rutiner-dev.jsonl"];
const rounds = Math.max(1, Number(values.rounds));

const questions: string[] = [];
for (const f of questionFiles) {
  for (const line of (await readFile(f, "utf8")).split("\n")) if (line.trim()) questions.push((JSON.parse(line) as { question: string }).question);
}

const indexDir = path.resolve("data/bench-cache", `ask-${createHash("sha256").update(corpus).digest("hex").slice(0, 8)}`);
const config = loadConfig({ ...process.env, NODE_ENV: "production", LOG_LEVEL: "silent", INDEX_DIR: indexDir, CORPUS_DIR: corpus });
if (!indexExists(indexDir)) {
  console.log(`indexing ${corpus} → ${indexDir}`);
  await runIngest({ corpusDir: corpus, indexDir, config });
}
const service = await openAnswerService(config);
const baselineCorpus = await readBaselineCorpus(corpus);
const bm25 = createBm25Index(baselineCorpus.windows);
// A second, fast naive BM25: the same windows in the project's own inverted index, plain lower-case
// word tokens, no stemming, no field boosts. MiniSearch is the well-known naive system; this one
// shows what an optimised naive BM25 costs on this machine, which is the harder comparison.
const tokens = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const plain = LexicalIndex.build(
  baselineCorpus.windows.map((w) => ({ body: tokens(w.text), heading: [], title: [] })),
  { ...tuning.lexical, titleBoost: 1, headingBoost: 1 },
);
const plainSearch = (question: string) => plain.search([...new Set(tokens(question))].map((term) => ({ term, weight: 1 })), 10);

const ours: number[] = [];
const theirs: number[] = [];
const fast: number[] = [];
for (let round = 0; round <= rounds; round++) {
  for (const question of questions) {
    const request = { question, options: { topK: 10 } };
    let t = performance.now();
    await service.ask(request);
    const a = performance.now() - t;
    t = performance.now();
    baselineAnswer(bm25, request);
    const b = performance.now() - t;
    t = performance.now();
    plainSearch(question);
    const c = performance.now() - t;
    // Round 0 warms caches (analysis, copy groups, document context) for all.
    if (round > 0) {
      ours.push(a);
      theirs.push(b);
      fast.push(c);
    }
  }
}
ours.sort((a, b) => a - b);
theirs.sort((a, b) => a - b);
fast.sort((a, b) => a - b);
const row = (name: string, xs: number[]) => `${name.padEnd(26)} p50 ${percentile(xs, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(xs, 95).toFixed(1).padStart(6)} ms`;
console.log(`${questions.length} questions × ${rounds} rounds over ${path.basename(corpus)} (${service.index.chunks.length} chunks; baseline ${baselineCorpus.windows.length} windows)`);
console.log(row("Rutinsvar ask", ours));
console.log(row("BM25 baseline (MiniSearch)", theirs));
console.log(row("BM25 baseline (plain, fast)", fast));
for (const [name, xs] of [["MiniSearch", theirs], ["plain, fast", fast]] as const) {
  const ratio = percentile(ours, 95) / percentile(xs, 95);
  console.log(`p95 ratio to ${name}: ${ratio.toFixed(2)}× (target ≤ 3×): ${ratio <= 3 ? "met" : "NOT met"}`);
}
await service.close?.();
process.exit(0);

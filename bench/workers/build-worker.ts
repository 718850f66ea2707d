/**
 * Child process that builds (or reuses from cache) one synthetic index, so
 * the benchmark's main process, which also runs autocannon, never carries the
 * heap of a 100k-chunk build.
 * Usage: tsx bench/workers/build-worker.ts <input.json> <output.json>
 */
import { readFile, writeFile } from "node:fs/promises";
import { loadConfig } from "../../src/config/env.js";
import { buildSyntheticIndex, type SyntheticIndexResult } from "../synthetic-index.js";

export interface BuildWorkerInput {
  indexDir: string;
  chunks: number;
  seed: number;
}

export type BuildWorkerOutput = SyntheticIndexResult;

async function main(): Promise<void> {
  const [inputFile, outputFile] = process.argv.slice(2);
  if (!inputFile || !outputFile) throw new Error("build-worker: usage: build-worker <input.json> <output.json>");
  const input = JSON.parse(await readFile(inputFile, "utf8")) as BuildWorkerInput;
  const config = loadConfig({ NODE_ENV: "production", LOG_LEVEL: "silent", OCR: "off" });
  let lastShown = performance.now();
  const result = await buildSyntheticIndex({
    ...input,
    config,
    onProgress: (done, total, stage) => {
      const now = performance.now();
      if (now - lastShown > 15_000) {
        lastShown = now;
        console.log(`[bench]   ${stage}: ${Math.min(done, total)}/${total}`);
      }
    },
  });
  await writeFile(outputFile, JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});

/**
 * The admin side's ingest runs in a worker thread (issue 15). It must build
 * the same index as the in-process pipeline, report progress, and fail the
 * same way: an IngestFailedError with its summary, the index untouched.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IngestFailedError, runIngest } from "../../../ingest/pipeline.js";
import { runIngestInWorker } from "../../../ingest/run-in-worker.js";
import { readManifest } from "../../../src/core/index-store.js";
import { FIXTURE_CORPUS, tempDir, testConfig } from "../../helpers/fixture-index.js";

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

/** The files of the published version, without the manifest (which records its own version id and time). */
async function publishedFiles(indexDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of ["chunks.json", "lexical.json", "texts.json", "vocabulary.json"]) out[name] = await fs.readFile(path.join(indexDir, name), "utf8");
  return out;
}

describe("runIngestInWorker", () => {
  it("publishes the same index as runIngest in process and reports progress on the way", async () => {
    const inProcess = path.join(dir, "in-process");
    const inWorker = path.join(dir, "in-worker");
    const a = await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir: inProcess, config: testConfig({ INDEX_DIR: inProcess }) });
    const progress: { done: number; total: number }[] = [];
    const b = await runIngestInWorker({ corpusDir: FIXTURE_CORPUS, indexDir: inWorker, config: testConfig({ INDEX_DIR: inWorker }), onProgress: (p) => progress.push(p) });
    expect({ documents: b.documents, chunks: b.chunks, failed: b.failed }).toEqual({ documents: a.documents, chunks: a.chunks, failed: a.failed });
    expect(b.results.map((r) => [r.source, r.status, r.chunks])).toEqual(a.results.map((r) => [r.source, r.status, r.chunks]));
    expect(await publishedFiles(inWorker)).toEqual(await publishedFiles(inProcess));
    expect((await readManifest(inWorker)).version).toBe(b.version);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ done: progress.at(-1)!.total });
  });

  it("passes reparse through: an unchanged corpus is reused, reparse 'all' parses every file again", async () => {
    // The index the first test built in the worker.
    const indexDir = path.join(dir, "in-worker");
    const config = testConfig({ INDEX_DIR: indexDir });
    const again = await runIngestInWorker({ corpusDir: FIXTURE_CORPUS, indexDir, config });
    expect(again.results.filter((r) => r.status === "ingested")).toEqual([]);
    const forced = await runIngestInWorker({ corpusDir: FIXTURE_CORPUS, indexDir, config, reparse: "all" });
    expect(forced.results.filter((r) => r.status === "unchanged")).toEqual([]);
  });

  it("fails like the pipeline: an IngestFailedError with the summary naming the file, and nothing published", async () => {
    const corpus = path.join(dir, "broken");
    const indexDir = path.join(dir, "broken-index");
    await fs.mkdir(corpus, { recursive: true });
    await fs.copyFile(path.resolve("tests/fixtures/files", "trasig.pdf"), path.join(corpus, "trasig.pdf"));
    const run = runIngestInWorker({ corpusDir: corpus, indexDir, config: testConfig({ INDEX_DIR: indexDir }) });
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestFailedError);
    const summary = (err as IngestFailedError).summary;
    expect(summary.results).toEqual([expect.objectContaining({ source: "trasig.pdf", status: "failed" })]);
    await expect(fs.stat(indexDir)).rejects.toThrow();
  });

  it("rejects with a plain error when the run fails otherwise (a corpus folder that does not exist)", async () => {
    const indexDir = path.join(dir, "missing-index");
    const err = await runIngestInWorker({ corpusDir: path.join(dir, "finns-inte"), indexDir, config: testConfig({ INDEX_DIR: indexDir }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(IngestFailedError);
    expect((err as Error).message).toMatch(/finns-inte/);
  });
});

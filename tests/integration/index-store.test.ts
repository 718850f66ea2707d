import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest, IngestFailedError } from "../../ingest/pipeline.js";
import { loadIndex, readManifest } from "../../src/core/index-store.js";
import { IndexMismatchError } from "../../src/core/errors.js";
import { createEmbedder } from "../../src/models/embedder.js";
import { analyzerVersionFor } from "../../src/text/index-terms.js";
import { openAnswerService } from "../../src/lifecycle/open-answer-service.js";
import { FIXTURE_CORPUS, tempDir, testConfig } from "../helpers/fixture-index.js";

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

describe("index build and load", () => {
  it("round-trips: a reloaded index answers exactly like the one just built", async () => {
    const indexDir = path.join(dir, "a");
    const config = testConfig({ INDEX_DIR: indexDir });
    const summary = await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir, config });
    expect(summary.documents).toBeGreaterThan(3);
    const one = await openAnswerService(config);
    const two = await openAnswerService(config);
    const q = { question: "Vem beslutar om ekonomiskt bistånd?", options: { includeRetrieved: true } };
    const [a, b] = [await one.ask(q), await two.ask(q)];
    expect(b.retrieved!.map((r) => r.chunkId)).toEqual(a.retrieved!.map((r) => r.chunkId));
    expect(b.answer).toBe(a.answer);
    // Ids are stable across rebuilds of unchanged files.
    await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir, config });
    const three = await openAnswerService(config);
    expect(three.index.chunks.map((c) => c.id)).toEqual(one.index.chunks.map((c) => c.id));
  });

  it("reuses unchanged files on re-ingest (by sha256)", async () => {
    const indexDir = path.join(dir, "b");
    const config = testConfig({ INDEX_DIR: indexDir });
    await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir, config });
    const again = await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir, config });
    expect(again.results.every((r) => r.status === "unchanged" || r.status === "failed")).toBe(true);
    expect(again.results.filter((r) => r.status === "unchanged").length).toBe(again.documents);
  });

  it("refuses an index built with another embedder configuration, naming both", async () => {
    const indexDir = path.join(dir, "c");
    await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir, config: testConfig({ INDEX_DIR: indexDir }) });
    const other = testConfig({ INDEX_DIR: indexDir, EMBEDDINGS_DIMENSIONS: "256" });
    const embedder = await createEmbedder(other.embeddings);
    const load = loadIndex(indexDir, embedder.embeddings, { embedder: embedder.descriptor, analyzer: analyzerVersionFor(other) });
    await expect(load).rejects.toBeInstanceOf(IndexMismatchError);
    await expect(load).rejects.toThrow(/EMBEDDINGS_DIMENSIONS=512.*EMBEDDINGS_DIMENSIONS=256/);
  });

  it("skips bad files with a reason and still builds; fails when nothing is usable", async () => {
    const corpus = path.join(dir, "mixed");
    await fs.mkdir(corpus, { recursive: true });
    await fs.copyFile(path.join(FIXTURE_CORPUS, "orosanmalan.md"), path.join(corpus, "orosanmalan.md"));
    for (const f of ["trasig.pdf", "tom.txt", "skrap.txt", "okant.xyz", "krypterad.pdf"]) {
      await fs.copyFile(path.resolve("tests/fixtures/files", f), path.join(corpus, f));
    }
    const indexDir = path.join(dir, "mixed-index");
    const summary = await runIngest({ corpusDir: corpus, indexDir, config: testConfig({ INDEX_DIR: indexDir }) });
    expect(summary.documents).toBe(1);
    const failed = summary.results.filter((r) => r.status === "failed");
    expect(failed.map((r) => r.source).sort()).toEqual(["krypterad.pdf", "okant.xyz", "skrap.txt", "tom.txt", "trasig.pdf"]);
    for (const f of failed) expect(f.error!.message.length).toBeGreaterThan(5);
    expect((await readManifest(indexDir)).counts.documents).toBe(1);

    // --strict: any failure is fatal and the published index is left as it was.
    const before = await fs.realpath(indexDir);
    await expect(runIngest({ corpusDir: corpus, indexDir, config: testConfig({ INDEX_DIR: indexDir }), strict: true })).rejects.toBeInstanceOf(IngestFailedError);
    expect(await fs.realpath(indexDir)).toBe(before);

    const junkOnly = path.join(dir, "junk");
    await fs.mkdir(junkOnly);
    await fs.copyFile(path.resolve("tests/fixtures/files/skrap.txt"), path.join(junkOnly, "skrap.txt"));
    await expect(runIngest({ corpusDir: junkOnly, indexDir: path.join(dir, "junk-index"), config: testConfig() })).rejects.toThrow(/Inga dokument/);
  });

  it("cleans up an interrupted build and keeps serving the published version", async () => {
    const indexDir = path.join(dir, "d");
    const config = testConfig({ INDEX_DIR: indexDir });
    await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir, config });
    const published = await fs.realpath(indexDir);
    const stale = path.join(`${indexDir}.versions`, ".tmp-crashed-999999");
    await fs.mkdir(stale, { recursive: true });
    await fs.writeFile(path.join(stale, "chunks.json"), "[");
    const { pruneVersions } = await import("../../src/core/index-store.js");
    await pruneVersions(indexDir, 2);
    await expect(fs.access(stale)).rejects.toThrow();
    expect(await fs.realpath(indexDir)).toBe(published);
    expect((await openAnswerService(config)).index.chunks.length).toBeGreaterThan(0);
  });
});

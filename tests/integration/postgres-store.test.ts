/**
 * STORE=postgres answers exactly like the file store: the same fixture corpus
 * ingested into both, then the same questions retrieve the same chunks and
 * the API returns the same answers, sources and original files.
 */
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest, type IngestSummary } from "../../ingest/pipeline.js";
import type { Config } from "../../src/config/env.js";
import { IndexMismatchError } from "../../src/core/errors.js";
import type { Answer } from "../../src/core/schemas.js";
import type { AnswerService } from "../../src/query/answer.js";
import { openAnswerService } from "../../src/lifecycle/open-answer-service.js";
import { createApp } from "../../src/server/app.js";
import { buildFixtureApp, FIXTURE_CORPUS, PARITY_QUESTIONS, postJson, tempDir, testConfig, type FixtureApp } from "../helpers/fixture-index.js";
import { startTestPostgres } from "../helpers/postgres.js";

const db = await startTestPostgres();

describe.skipIf(!db.url)(`STORE=postgres matches the file store${db.url ? "" : ` (hoppas över: ${db.reason})`}`, () => {
  let files: FixtureApp;
  let dir: string;
  let config: Config;
  let summary: IngestSummary;
  let service: AnswerService;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    files = await buildFixtureApp();
    dir = await tempDir("rutinsvar-pg-");
    config = testConfig({ STORE: "postgres", DATABASE_URL: db.url!, CORPUS_DIR: FIXTURE_CORPUS, INDEX_DIR: path.join(dir, "index"), DATA_DIR: dir });
    summary = await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir: config.indexDir, config });
    service = await openAnswerService(config);
    app = createApp({ config, answers: () => service, log: () => {} });
  });
  afterAll(async () => {
    await files?.cleanup();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
    await db.stop();
  });

  it("publishes to the database, not the index directory", async () => {
    expect(summary.failed).toBe(files.summary.failed);
    expect(summary.chunks).toBe(files.summary.chunks);
    await expect(fs.stat(config.indexDir)).rejects.toThrow();
    expect(service.index.dir).toBe(`postgres:${summary.version}`);
    const strip = (m: typeof service.index.manifest) => ({ ...m, version: "", builtAt: "", documents: m.documents.map((d) => ({ ...d, ingestedAt: "" })) });
    expect(strip(service.index.manifest)).toEqual(strip(files.service.index.manifest));
    expect(service.index.chunks).toEqual(files.service.index.chunks);
  });

  it.each(PARITY_QUESTIONS)("retrieves the same chunks, in the same order: %s", async (question) => {
    const ask = (s: AnswerService) => s.ask({ question, options: { includeRetrieved: true, topK: 8 } });
    const [a, b] = await Promise.all([ask(files.service), ask(service)]);
    expect(b.retrieved!.map((r) => r.chunkId)).toEqual(a.retrieved!.map((r) => r.chunkId));
    expect(b.retrieved!.length).toBeGreaterThan(0);
  });

  it("POST /api/ask returns the same answer and citations from both stores", async () => {
    for (const question of PARITY_QUESTIONS.slice(0, 4)) {
      const [ra, rb] = await Promise.all([postJson(files.app, "/api/ask", { question }), postJson(app, "/api/ask", { question })]);
      expect(rb.status).toBe(200);
      const strip = (x: Answer) => ({ ...x, timingMs: 0 });
      expect(strip((await rb.json()) as Answer)).toEqual(strip((await ra.json()) as Answer));
    }
  });

  it("serves sources and the original files from the database", async () => {
    const doc = service.index.manifest.documents.find((d) => d.source === "ekonomiskt-bistand.pdf")!;
    const res = await app.request(`/api/documents/${doc.id}/file`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(await fs.readFile(path.join(FIXTURE_CORPUS, "ekonomiskt-bistand.pdf")))).toBe(true);
    const chunkId = service.index.chunks[0]!.id;
    const [sa, sb] = await Promise.all([files.app.request(`/api/sources/${chunkId}`), app.request(`/api/sources/${chunkId}`)]);
    expect(sb.status).toBe(200);
    expect(await sb.json()).toEqual(await sa.json());
  });

  it("re-ingests incrementally from the current database version and keeps two versions", async () => {
    const again = await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir: config.indexDir, config });
    expect(again.results.filter((r) => r.status === "ingested")).toEqual([]);
    expect(again.results.filter((r) => r.status === "unchanged").length).toBe(summary.documents);
    const third = await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir: config.indexDir, config });
    const client = new pg.Client({ connectionString: db.url! });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string; is_current: boolean }>("SELECT id, is_current FROM index_versions ORDER BY created_at");
      expect(rows.map((r) => r.id)).toEqual([again.version, third.version]);
      expect(rows.filter((r) => r.is_current).map((r) => r.id)).toEqual([third.version]);
      // Originals are stored once per content, not once per version.
      const { rows: originals } = await client.query<{ n: string }>("SELECT count(*) AS n FROM original_files");
      expect(Number(originals[0]!.n)).toBe(summary.documents);
    } finally {
      await client.end();
    }
    const reopened = await openAnswerService(config);
    const a = await reopened.ask({ question: PARITY_QUESTIONS[0]!, options: { includeRetrieved: true } });
    const b = await files.service.ask({ question: PARITY_QUESTIONS[0]!, options: { includeRetrieved: true } });
    expect(a.retrieved!.map((r) => r.chunkId)).toEqual(b.retrieved!.map((r) => r.chunkId));
  });

  it("refuses a database version built with another embedder configuration, naming both values", async () => {
    const other = testConfig({ STORE: "postgres", DATABASE_URL: db.url!, DATA_DIR: dir, EMBEDDINGS_DIMENSIONS: "256" });
    const err = await openAnswerService(other).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IndexMismatchError);
    expect((err as Error).message).toContain("EMBEDDINGS_DIMENSIONS=512");
    expect((err as Error).message).toContain("EMBEDDINGS_DIMENSIONS=256");
  });
});

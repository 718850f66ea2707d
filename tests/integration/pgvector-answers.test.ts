/**
 * VECTOR_SEARCH=pgvector end to end: PGlite with pgvector served over the
 * PostgreSQL wire protocol, the fixture corpus ingested with STORE=postgres,
 * and the real answer service (through the index holder, as src/main.ts runs
 * it) answering with dense search in SQL. Answers and citations equal the
 * file store's; the replica holds no vectors; access groups are applied
 * inside the SQL search; a re-published version is the one searched.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest } from "../../ingest/pipeline.js";
import { mayRead, collectionOf } from "../../src/access/access-policy.js";
import { loadSecurityFiles } from "../../src/access/index.js";
import type { Config } from "../../src/config/env.js";
import type { Answer } from "../../src/core/schemas.js";
import { createEmbedder } from "../../src/models/embedder.js";
import { createApp } from "../../src/server/app.js";
import { createIndexHolder, type IndexHolder } from "../../src/lifecycle/index-holder.js";
import { pgvectorDenseSearch } from "../../src/store/postgres/database-search.js";
import { createPool } from "../../src/store/postgres/pool.js";
import { buildFixtureApp, FIXTURE_CORPUS, PARITY_QUESTIONS, postJson, tempDir, testConfig, type FixtureApp } from "../helpers/fixture-index.js";
import { ACCESS_YAML, bearer, STAFF } from "../helpers/security-app.js";

let lite: PGlite;
let server: PGLiteSocketServer;
let url: string;
let files: FixtureApp;
let dir: string;
let env: Record<string, string>;
/** This suite tests the dense search's plumbing, so the hashing embedder's vectors must vote (they do not by default). */
const DENSE = { RETRIEVAL_DENSE_WEIGHT: "1" };
let config: Config;
let holder: IndexHolder;

beforeAll(async () => {
  lite = new PGlite({ extensions: { vector } });
  server = new PGLiteSocketServer({ db: lite, port: 0, host: "127.0.0.1", maxConnections: 20 });
  await server.start();
  url = `postgres://postgres@${server.getServerConn()}/postgres`;
  files = await buildFixtureApp(FIXTURE_CORPUS, { env: DENSE });
  dir = await tempDir("rutinsvar-pgv-");
  env = { ...DENSE, STORE: "postgres", DATABASE_URL: url, VECTOR_SEARCH: "pgvector", CORPUS_DIR: FIXTURE_CORPUS, INDEX_DIR: path.join(dir, "index"), DATA_DIR: dir };
  config = testConfig(env);
  await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir: config.indexDir, config });
  holder = await createIndexHolder(config);
}, 120_000);

afterAll(async () => {
  await holder?.close();
  await files?.cleanup();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
  await server?.stop();
  await lite?.close();
});

describe("VECTOR_SEARCH=pgvector answers like the in-memory replica", () => {
  it("keeps no vectors in the replica; the version's vectors are in chunk_embeddings", async () => {
    const index = holder.current().index;
    expect(index.vectors).toBeNull();
    expect(index.chunks).toEqual(files.service.index.chunks);
    const { rows } = await lite.query<{ n: number }>("SELECT count(*)::int AS n FROM chunk_embeddings WHERE version_id = $1", [index.manifest.version]);
    expect(rows[0]!.n).toBe(index.chunks.length);
  });

  it.each(PARITY_QUESTIONS)("retrieves the same chunks, in the same order: %s", async (question) => {
    const ask = (s: typeof files.service) => s.ask({ question, options: { includeRetrieved: true, topK: 8 } });
    const [a, b] = [await ask(files.service), await ask(holder.current())];
    expect(b.retrieved!.length).toBeGreaterThan(0);
    expect(b.retrieved!.map((r) => r.chunkId)).toEqual(a.retrieved!.map((r) => r.chunkId));
  });

  it("POST /api/ask returns the same answers and citations", async () => {
    const app = createApp({ config, answers: holder.current, log: () => {} });
    for (const question of PARITY_QUESTIONS.slice(0, 5)) {
      const ra = await postJson(files.app, "/api/ask", { question });
      const rb = await postJson(app, "/api/ask", { question });
      expect(rb.status).toBe(200);
      const strip = (x: Answer) => ({ ...x, timingMs: 0 });
      const [a, b] = [(await ra.json()) as Answer, (await rb.json()) as Answer];
      expect(strip(b)).toEqual(strip(a));
      if (!a.abstained) expect(b.citations.length).toBeGreaterThan(0);
    }
  });

  it("searches dense vectors alone (lexical switched off) with the same results", async () => {
    for (const question of PARITY_QUESTIONS) {
      const ask = (s: typeof files.service) => s.ask({ question, options: { includeRetrieved: true, topK: 8 } }, { disable: { lexical: true } });
      const [a, b] = [await ask(files.service), await ask(holder.current())];
      expect(b.retrieved!.length).toBeGreaterThan(0);
      expect(b.retrieved!.map((r) => r.chunkId)).toEqual(a.retrieved!.map((r) => r.chunkId));
    }
  });
});

describe("access groups with VECTOR_SEARCH=pgvector", () => {
  it("applies the filter inside the SQL search, before LIMIT", async () => {
    const index = holder.current().index;
    const pool = createPool(url, { max: 1 });
    try {
      const search = pgvectorDenseSearch({ pool, version: index.manifest.version, chunkCount: index.chunks.length });
      const embedder = await createEmbedder(config.embeddings);
      const q = await embedder.embeddings.embedQuery("Hur gör jag en orosanmälan?");
      const only = (source: string) => (i: number) => index.chunks[i]!.source === source;
      const count = index.chunks.filter((c) => c.source === "tolk.txt").length;
      expect(count).toBeGreaterThanOrEqual(2);
      // The nearest chunks are about orosanmälan; restricted to tolk.txt, k results still come back, all from it.
      const hits = await search.search(q, count, only("tolk.txt"));
      expect(hits.length).toBe(count);
      for (const h of hits) expect(index.chunks[h.index]!.source).toBe("tolk.txt");
      expect(await search.search(q, 5, () => false)).toEqual([]);
      const unfiltered = await search.search(q, 5);
      expect(unfiltered.map((h) => index.chunks[h.index]!.source)).toContain("orosanmalan.md");
    } finally {
      await pool.end();
    }
  });

  it("never gives a user content from a collection they may not read, and matches the replica's filtered answers", async () => {
    const tokensFile = path.join(dir, "tokens.json");
    const accessFile = path.join(dir, "access.yml");
    await fs.writeFile(tokensFile, JSON.stringify(Object.values(STAFF)));
    await fs.writeFile(accessFile, ACCESS_YAML);
    const security = { AUTH_MODE: "token", AUTH_TOKENS_FILE: tokensFile, ACCESS_FILE: accessFile };
    const pgConfig = testConfig({ ...env, ...security });
    const filesConfig = testConfig({ ...DENSE, ...security, INDEX_DIR: files.indexDir, CORPUS_DIR: FIXTURE_CORPUS, DATA_DIR: files.config.dataDir });
    const securityFiles = loadSecurityFiles(pgConfig.security);
    const pgApp = createApp({ config: pgConfig, answers: holder.current, log: () => {}, ...securityFiles });
    const filesApp = createApp({ config: filesConfig, answers: () => files.service, log: () => {}, ...securityFiles });
    const index = holder.current().index;
    for (const user of ["ida", "erik", "nils"] as const) {
      const readable = (documentId: string) => mayRead(securityFiles.access!, STAFF[user].groups, collectionOf(index.getDocument(documentId)!));
      for (const question of ["Hur gör jag en orosanmälan?", "Vad gäller för ekonomiskt bistånd?", "Hur bokar jag tolk?"]) {
        const body = { question, options: { includeRetrieved: true, topK: 20 } };
        const rb = await postJson(pgApp, "/api/ask", body, bearer(STAFF[user]));
        const ra = await postJson(filesApp, "/api/ask", body, bearer(STAFF[user]));
        expect(rb.status).toBe(200);
        const [a, b] = [(await ra.json()) as Answer, (await rb.json()) as Answer];
        for (const c of b.citations) expect(readable(c.documentId), `${user}: ${question} cited ${c.source}`).toBe(true);
        for (const r of b.retrieved ?? []) expect(readable(r.documentId), `${user}: ${question} retrieved ${r.source}`).toBe(true);
        expect(b.retrieved!.map((r) => r.chunkId)).toEqual(a.retrieved!.map((r) => r.chunkId));
        expect({ ...b, timingMs: 0 }).toEqual({ ...a, timingMs: 0 });
      }
    }
  });
});

describe("a re-published version", () => {
  it("is the one searched after the holder swaps to it", async () => {
    const corpus = path.join(dir, "corpus");
    await fs.cp(FIXTURE_CORPUS, corpus, { recursive: true });
    // Sorts first, so every later chunk's ordinal shifts: searching the old version's rows would return wrong chunks.
    await fs.writeFile(
      path.join(corpus, "aaa-husdjur.txt"),
      "Husdjur i boendet\n\nHusdjur som hundar och katter får vistas i boendets gemensamma lokaler efter överenskommelse med enhetschefen. Husdjuret ska vara vaccinerat.\n",
    );
    const before = holder.current().index.manifest.version;
    const summary = await runIngest({ corpusDir: corpus, indexDir: config.indexDir, config: { ...config, corpusDir: corpus } });
    await holder.reload();
    const service = holder.current();
    expect(service.index.manifest.version).toBe(summary.version);
    expect(service.index.manifest.version).not.toBe(before);
    expect(service.index.vectors).toBeNull();

    const question = "Får hundar och katter vistas i gemensamma lokaler i boendet?";
    const dense = await service.ask({ question, options: { includeRetrieved: true, topK: 5 } }, { disable: { lexical: true } });
    expect(dense.retrieved![0]!.source).toBe("aaa-husdjur.txt");
    const answer = await service.ask({ question });
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]!.source).toBe("aaa-husdjur.txt");
    // Old questions still land on the right (shifted) chunks.
    const old = await service.ask({ question: PARITY_QUESTIONS[0]!, options: { includeRetrieved: true, topK: 5 } }, { disable: { lexical: true } });
    const replica = await files.service.ask({ question: PARITY_QUESTIONS[0]!, options: { includeRetrieved: true, topK: 5 } }, { disable: { lexical: true } });
    expect(old.retrieved![0]!.chunkId).toBe(replica.retrieved![0]!.chunkId);
  });
});

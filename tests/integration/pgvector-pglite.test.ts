/**
 * The pgvector SQL path (VECTOR_SEARCH=pgvector) run in PGlite with the
 * pgvector extension compiled to WebAssembly: the fixture index is published
 * with the product's publish code, then `ORDER BY embedding <=> $1 LIMIT k`
 * returns the same nearest chunks as the in-memory HNSW replica.
 */
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { IndexContents } from "../../src/core/index-store.js";
import { createEmbedder } from "../../src/models/embedder.js";
import { analyzerVersionFor } from "../../src/text/index-terms.js";
import { loadIndexFromPostgres } from "../../src/store/postgres/load.js";
import { copyVersionEmbeddings, enablePgvector, PgvectorError, searchPgvector } from "../../src/store/postgres/pgvector-search.js";
import { publishIndexVersion } from "../../src/store/postgres/publish.js";
import { buildFixtureApp, FIXTURE_CORPUS, type FixtureApp } from "../helpers/fixture-index.js";

/**
 * PGlite is one connection; the store's pool calls map onto it. Like `pg`,
 * a statement without parameters goes over the simple protocol, so a
 * migration with several statements runs as one.
 */
function asPool(db: PGlite): pg.Pool {
  const query = async (sql: string, params?: unknown[]) =>
    params && params.length > 0 ? db.query(sql, params) : ((await db.exec(sql)).at(-1) ?? { rows: [] });
  return { query, connect: async () => ({ query, release: () => {} }) } as unknown as pg.Pool;
}

const QUESTIONS = [
  "Hur lång tid får handläggningen av EB ta?",
  "Hur anmäler jag oro för ett barn?",
  "Får barnets anhöriga tolka?",
  "Vem beslutar om bistånd enligt delegationsordningen?",
  "Vad gäller vid akut nöd?",
];

let fx: FixtureApp;
let lite: PGlite;
let embeddings: EmbeddingsInterface;
let version: string;

beforeAll(async () => {
  fx = await buildFixtureApp();
  embeddings = (await createEmbedder(fx.config.embeddings)).embeddings;
  lite = new PGlite({ extensions: { vector } });
  const index = fx.service.index;
  const contents: IndexContents = {
    manifest: index.manifest,
    chunks: index.chunks,
    // Labels of the HNSW replica are chunk positions, so this is exactly what the ingest embedded.
    vectors: index.chunks.map((_, i) => index.vectors!.index.getPoint(i)),
    lexical: index.lexical,
    documentTexts: Object.fromEntries(index.manifest.documents.map((d) => [d.id, index.documentText(d.id)!])),
    originals: Object.fromEntries(index.manifest.documents.map((d) => [d.id, { path: path.join(FIXTURE_CORPUS, d.source), ext: path.extname(d.source) }])),
  };
  version = await publishIndexVersion(asPool(lite), contents, { pgvector: true });
});
afterAll(async () => {
  await lite?.close();
  await fx?.cleanup();
});

describe("pgvector in PGlite", () => {
  it("publishes every chunk's vector into a vector(n) column", async () => {
    const { rows } = await lite.query<{ n: number; type: string }>(
      "SELECT count(*)::int AS n, (SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'chunk_embeddings'::regclass AND attname = 'embedding') AS type FROM chunk_embeddings WHERE version_id = $1",
      [version],
    );
    expect(rows[0]).toEqual({ n: fx.service.index.chunks.length, type: `vector(${fx.config.embeddings.dimensions})` });
    // Copying again is a no-op.
    expect(await copyVersionEmbeddings(lite, version)).toBe(0);
  });

  it.each(QUESTIONS)("returns the same nearest chunks as the in-memory HNSW: %s", async (question) => {
    const k = 8;
    const q = await embeddings.embedQuery(question);
    const replica = await fx.service.index.vectors!.similaritySearchVectorWithScore(q, k);
    const hits = await searchPgvector(lite, version, q, k);
    expect(hits.map((h) => h.chunkId)).toEqual(replica.map(([doc]) => doc.metadata.chunkId));
    hits.forEach((h, i) => {
      expect(h.distance).toBeCloseTo(replica[i]![1], 4);
      expect(fx.service.index.chunks[h.ordinal]!.id).toBe(h.chunkId);
    });
  });

  it("searches only the asked-for version when several are stored", async () => {
    const q = await embeddings.embedQuery(QUESTIONS[0]!);
    expect(await searchPgvector(lite, "no-such-version", q, 5)).toEqual([]);
  });

  it("loads the same replica from the database as from the index directory", async () => {
    const loaded = await loadIndexFromPostgres(
      asPool(lite),
      embeddings,
      { embedder: fx.service.index.manifest.embedder, analyzer: analyzerVersionFor(fx.config) },
      { cacheDir: path.join(fx.config.dataDir, "pg-cache") },
    );
    expect(loaded.chunks).toEqual(fx.service.index.chunks);
    expect(loaded.manifest).toEqual(fx.service.index.manifest);
    const q = await embeddings.embedQuery(QUESTIONS[1]!);
    const a = await loaded.vectors!.similaritySearchVectorWithScore(q, 5);
    const b = await fx.service.index.vectors!.similaritySearchVectorWithScore(q, 5);
    expect(a.map(([d]) => d.metadata.chunkId)).toEqual(b.map(([d]) => d.metadata.chunkId));
  });

  it("names the missing extension when the database has no pgvector", async () => {
    const plain = new PGlite();
    try {
      const err = await enablePgvector(plain, 8).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PgvectorError);
      expect((err as Error).message).toContain("VECTOR_SEARCH=replica");
    } finally {
      await plain.close();
    }
  });
});

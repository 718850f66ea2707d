/**
 * LEXICAL_SEARCH=postgres: the lexical side of retrieval served by
 * PostgreSQL full-text search (`swedish`), on PGlite over the wire protocol
 * and, when one can be had, on a real PostgreSQL server. The fixture corpus
 * is ingested with STORE=postgres; lexical-only retrieval (dense switched
 * off) must find the right passage for staff questions, inflected forms and
 * glossary abbreviations included, and apply access filters in SQL.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest } from "../../../../ingest/pipeline.js";
import { loadConfig } from "../../../../src/config/env.js";
import { createIndexHolder, type IndexHolder } from "../../../../src/lifecycle/index-holder.js";
import { FIELD_WEIGHTS, groupQueryText, searchFulltext } from "../../../../src/store/postgres/fulltext-search.js";
import { FIXTURE_CORPUS, tempDir, testConfig } from "../../../helpers/fixture-index.js";
import { startTestPostgres } from "../../../helpers/postgres.js";

/** Lexical-only retrieval: question → the document whose passage must come first. */
const FIRST = [
  ["Hur bokar man en tolk?", "tolk.txt"],
  // Inflected forms: "tolka" (verb) and "anhöriga" against the document's "tolk", "anhörig".
  ["Får barnets anhöriga tolka?", "tolk.txt"],
  // "handläggningen" (definite) against "handläggning"; EB only through the glossary.
  ["Hur lång tid får handläggningen av EB ta?", "ekonomiskt-bistand.pdf"],
  ["Vad säger rutinen om skyddsbedömning?", "orosanmalan.md"],
  ["Vem får besluta om bistånd enligt delegationsordningen?", "delegationsordning.docx"],
] as const;

interface Backend {
  name: string;
  start(): Promise<{ url: string; stop(): Promise<void> } | null>;
}

const realPostgres = await startTestPostgres();

const BACKENDS: Backend[] = [
  {
    name: "PGlite",
    async start() {
      const lite = new PGlite();
      const server = new PGLiteSocketServer({ db: lite, port: 0, host: "127.0.0.1", maxConnections: 20 });
      await server.start();
      return {
        url: `postgres://postgres@${server.getServerConn()}/postgres`,
        stop: async () => {
          await server.stop();
          await lite.close();
        },
      };
    },
  },
  {
    name: realPostgres.url ? "PostgreSQL" : `PostgreSQL (hoppas över: ${realPostgres.reason})`,
    start: async () => (realPostgres.url ? { url: realPostgres.url, stop: () => realPostgres.stop() } : null),
  },
];

describe.each(BACKENDS)("LEXICAL_SEARCH=postgres on $name", (backend) => {
  let db: { url: string; stop(): Promise<void> } | null = null;
  let dir: string;
  let holder: IndexHolder;

  beforeAll(async () => {
    db = await backend.start();
    if (!db) return;
    dir = await tempDir("rutinsvar-fts-");
    const config = testConfig({ STORE: "postgres", DATABASE_URL: db.url, LEXICAL_SEARCH: "postgres", CORPUS_DIR: FIXTURE_CORPUS, INDEX_DIR: path.join(dir, "index"), DATA_DIR: dir });
    await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir: config.indexDir, config });
    holder = await createIndexHolder(config);
  }, 120_000);
  afterAll(async () => {
    await holder?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
    await db?.stop();
  });

  it("stores a weighted swedish tsvector per chunk of the published version", async (ctx) => {
    if (!db) return ctx.skip();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const index = holder.current().index;
      const { rows } = await client.query<{ n: number; tsv: string }>(
        "SELECT count(*) OVER ()::int AS n, tsv::text AS tsv FROM chunk_fulltext WHERE version_id = $1 ORDER BY ordinal LIMIT 1",
        [index.manifest.version],
      );
      expect(rows[0]!.n).toBe(index.chunks.length);
      // Title words carry weight A, body words C.
      expect(rows[0]!.tsv).toMatch(/:\d+(,\d+)*A/);
      expect(rows[0]!.tsv).toMatch(/:\d+[A-D]?(,\d+[A-D]?)*C/);
      // The replica still holds its vectors: only the lexical side moved.
      expect(index.vectors).not.toBeNull();
    } finally {
      await client.end();
    }
  });

  it.for(FIRST)("finds the passage with full-text search alone: %s → %s", async ([question, source], ctx) => {
    if (!db) return ctx.skip();
    const a = await holder.current().ask({ question, options: { includeRetrieved: true, topK: 5 } }, { disable: { dense: true } });
    expect(a.retrieved!.length).toBeGreaterThan(0);
    expect(a.retrieved![0]!.source).toBe(source);
  });

  it("answers with citations when both searches run", async (ctx) => {
    if (!db) return ctx.skip();
    const a = await holder.current().ask({ question: "Hur bokar man en tolk?" });
    expect(a.abstained).toBe(false);
    expect(a.citations[0]!.source).toBe("tolk.txt");
  });

  it("applies the access filter inside the query, before LIMIT", async (ctx) => {
    if (!db) return ctx.skip();
    const a = await holder.current().ask(
      { question: "Hur bokar man en tolk?", options: { includeRetrieved: true } },
      { allow: (c) => c.source !== "tolk.txt", disable: { dense: true } },
    );
    expect(a.retrieved!.every((r) => r.source !== "tolk.txt")).toBe(true);
    const index = holder.current().index;
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    try {
      const groups = [{ words: ["tolk"], weight: 1 }];
      const all = await searchFulltext(pool, index.manifest.version, groups, 50);
      const tolk = all.filter((h) => index.chunks[h.ordinal]!.source === "tolk.txt");
      expect(tolk.length).toBeGreaterThan(0);
      const others = all.filter((h) => index.chunks[h.ordinal]!.source !== "tolk.txt");
      const allowed = new Set(others.map((h) => h.ordinal));
      const filtered = await searchFulltext(pool, index.manifest.version, groups, 50, { ordinals: [...allowed], negate: false });
      expect(filtered.map((h) => h.ordinal)).toEqual(others.map((h) => h.ordinal));
      expect(await searchFulltext(pool, index.manifest.version, groups, 5, { ordinals: [], negate: false })).toEqual([]);
    } finally {
      await pool.end();
    }
  });

  it("really asks the database: without the version's full-text rows, lexical-only retrieval finds nothing", async (ctx) => {
    if (!db) return ctx.skip();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query("DELETE FROM chunk_fulltext WHERE version_id = $1", [holder.current().index.manifest.version]);
    } finally {
      await client.end();
    }
    const a = await holder.current().ask({ question: "Hur bokar man en tolk?", options: { includeRetrieved: true } }, { disable: { dense: true } });
    expect(a.retrieved).toEqual([]);
  });
});

describe("full-text query text", () => {
  it("quotes every word and drops anything that is not letters or digits", () => {
    expect(groupQueryText(["tolk", "o'neil", "2024", "a|b", "åtgärd"])).toBe("'tolk' | '2024' | 'åtgärd'");
    expect(FIELD_WEIGHTS).toHaveLength(4);
  });

  it("requires STORE=postgres, in the same style as VECTOR_SEARCH", () => {
    expect(() => loadConfig({ LEXICAL_SEARCH: "postgres" })).toThrow("LEXICAL_SEARCH: postgres kräver STORE=postgres");
    expect(loadConfig({ STORE: "postgres", DATABASE_URL: "postgres://u@db/r", LEXICAL_SEARCH: "postgres" }).store.lexicalSearch).toBe("postgres");
    expect(loadConfig({}).store.lexicalSearch).toBe("replica");
  });
});

/**
 * Loading the current index version from PostgreSQL into the same in-memory
 * replica the file store gives (`LoadedIndex`): HNSW built from the stored
 * vectors, the stored lexical index, chunk and document maps. Everything is
 * read in one REPEATABLE READ transaction, so a concurrent publish (which may
 * also prune old versions) can never mix two versions into one replica.
 * Original files are cached on local disk by content hash, so a reload only
 * fetches files that changed.
 */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type pg from "pg";
import { IndexError } from "../../core/errors.js";
import { assembleLoadedIndex, assertCompatible, manifestSchema, type EmbedderDescriptor, type LoadedIndex } from "../../core/index-store.js";
import { LexicalIndex } from "../../core/lexical-index.js";
import type { Chunk } from "../../core/schemas.js";
import { withConnection } from "./pool.js";
import { migrate } from "./schema.js";
import { inTransaction } from "./sql-client.js";

export interface PostgresLoadOptions {
  /** Local directory for original files and the glossary of loaded versions. */
  cacheDir: string;
  /** A specific version instead of the current one. */
  version?: string;
  /** Do not fetch original files (an ingest only needs chunks and vectors to reuse). */
  skipOriginals?: boolean;
  /**
   * Do not read vectors nor build the HNSW graph (`vectors` is null): with
   * VECTOR_SEARCH=pgvector the database searches them, and a corpus larger
   * than memory must not pass through it. The vector column is not even selected.
   */
  skipVectors?: boolean;
}

interface ChunkRow {
  id: string;
  document_id: string;
  source: string;
  title: string;
  heading_path: string[];
  page: number | null;
  text: string;
  char_start: number;
  char_end: number;
  /** Absent with `skipVectors`. */
  vector?: number[];
}

/** True when the database holds a current index version. */
export async function postgresIndexExists(pool: pg.Pool): Promise<boolean> {
  await migrate(pool);
  const { rows } = await pool.query("SELECT 1 FROM index_versions WHERE is_current");
  return rows.length > 0;
}

/** The text analyzer and corpus folder the current version was built with, or null when nothing has been published (migrates a new database first). */
export async function currentBuild(pool: pg.Pool): Promise<{ analyzer: string; corpusDir: string } | null> {
  await migrate(pool);
  const { rows } = await pool.query<{ analyzer: string; corpus_dir: string }>(
    "SELECT manifest->>'analyzer' AS analyzer, manifest->>'corpusDir' AS corpus_dir FROM index_versions WHERE is_current",
  );
  return rows[0] ? { analyzer: rows[0].analyzer, corpusDir: rows[0].corpus_dir } : null;
}

/** Id of the current version, or null when nothing has been published. */
export async function currentVersion(pool: pg.Pool): Promise<string | null> {
  const { rows } = await pool.query<{ id: string }>("SELECT id FROM index_versions WHERE is_current");
  return rows[0]?.id ?? null;
}

async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

/**
 * Loads the current (or the given) version. Refuses a manifest whose embedder
 * or analyzer differs from `expected`, like the file store.
 */
/**
 * Vectors added to the HNSW graph per turn of the event loop. Each insert searches the graph built
 * so far, so a batch costs more as the graph grows: for 11,546 random 512-dimension vectors (harder
 * than real embeddings) the last batches of 200 take 0.35 s on 2 cores, batches of 1,000 took 1.3 s.
 */
const HNSW_BATCH = 200;

/**
 * Adds vectors to an HNSW store `batch` at a time, handing the event loop back before each batch.
 * In order, so the graph is the one a single call builds (labels and levels follow insertion order).
 */
export async function addVectorsInBatches(store: HNSWLib, vectors: number[][], documents: DocumentInterface[], batch = HNSW_BATCH): Promise<void> {
  for (let from = 0; from < vectors.length; from += batch) {
    await nextTurn();
    await store.addVectors(vectors.slice(from, from + batch), documents.slice(from, from + batch));
  }
}

export async function loadIndexFromPostgres(
  pool: pg.Pool,
  embeddings: EmbeddingsInterface,
  expected: { embedder: EmbedderDescriptor; analyzer: string },
  options: PostgresLoadOptions,
): Promise<LoadedIndex> {
  await migrate(pool);
  // Everything is read from one snapshot, so a concurrent publish or prune cannot mix two versions.
  const { row, manifest, chunkRows, chunks, docRows, originals, glossaryPath } = await withConnection(pool, (client) =>
    inTransaction(
      client,
      async () => {
        const { rows: versions } = options.version
          ? await client.query("SELECT id, manifest, lexical, glossary_yaml FROM index_versions WHERE id = $1", [options.version])
          : await client.query("SELECT id, manifest, lexical, glossary_yaml FROM index_versions WHERE is_current");
        const row = versions[0] as { id: string; manifest: unknown; lexical: string; glossary_yaml: string | null } | undefined;
        if (!row) {
          throw new IndexError(
            options.version ? `Indexversionen ${options.version} finns inte i databasen.` : "Inget index i databasen (ingen aktuell indexversion). Kör npm run ingest med STORE=postgres först.",
          );
        }
        const parsed = manifestSchema.safeParse(row.manifest);
        if (!parsed.success) {
          throw new IndexError(`Ogiltigt manifest för indexversion ${row.id} i databasen: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
        }
        const manifest = parsed.data;
        assertCompatible(manifest, expected);

        const { rows: chunkRows } = await client.query<ChunkRow>(
          `SELECT id, document_id, source, title, heading_path, page, text, char_start, char_end${options.skipVectors ? "" : ", vector"} FROM chunks WHERE version_id = $1 ORDER BY ordinal`,
          [row.id],
        );
        const chunks: Chunk[] = chunkRows.map((r) => ({
          id: r.id,
          documentId: r.document_id,
          source: r.source,
          title: r.title,
          headingPath: r.heading_path,
          page: r.page,
          text: r.text,
          charStart: r.char_start,
          charEnd: r.char_end,
        }));
        const { rows: docRows } = await client.query<{ id: string; text: string; sha256: string; original_ext: string | null }>(
          "SELECT id, text, sha256, original_ext FROM documents WHERE version_id = $1",
          [row.id],
        );

        await fs.mkdir(options.cacheDir, { recursive: true });
        const originals = new Map<string, string>();
        for (const d of docRows) {
          if (!d.original_ext || options.skipOriginals) continue;
          const file = path.join(options.cacheDir, `${d.sha256}${d.original_ext}`);
          if (!existsSync(file)) {
            const { rows: content } = await client.query<{ content: Buffer }>("SELECT content FROM original_files WHERE sha256 = $1 AND ext = $2", [d.sha256, d.original_ext]);
            if (!content[0]) continue;
            await writeAtomically(file, content[0].content);
          }
          originals.set(d.id, file);
        }
        let glossaryPath: string | undefined;
        if (row.glossary_yaml !== null) {
          glossaryPath = path.join(options.cacheDir, `ordlista-${row.id}.yml`);
          await writeAtomically(glossaryPath, row.glossary_yaml);
        }
        return { row, manifest, chunkRows, chunks, docRows, originals, glossaryPath };
      },
      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    ),
  );

  // A server loading a new version answers meanwhile (issue 15): parsing and the HNSW build are
  // synchronous, so they hand the event loop back between steps.
  await nextTurn();
  const lexical = LexicalIndex.fromJSON(JSON.parse(row.lexical));
  if (lexical.size !== chunks.length) {
    throw new IndexError(`Indexversion ${row.id} i databasen är inkonsekvent: ${chunks.length} avsnitt men ${lexical.size} i det lexikala indexet.`);
  }
  let vectors: HNSWLib | null = null;
  if (chunkRows.length > 0 && !options.skipVectors) {
    // Same insertion order and float32 values as the file store, so the HNSW graph and its answers are the same.
    vectors = new HNSWLib(embeddings, { space: "cosine", numDimensions: chunkRows[0]!.vector!.length });
    await addVectorsInBatches(
      vectors,
      chunkRows.map((r) => r.vector!),
      chunks.map((c) => ({ pageContent: "", metadata: { chunkId: c.id } })),
    );
  }
  const texts = new Map(docRows.map((d) => [d.id, d.text]));
  return assembleLoadedIndex({
    dir: `postgres:${row.id}`,
    manifest,
    chunks,
    vectors,
    lexical,
    documentText: (id) => texts.get(id),
    originalPath: (id) => originals.get(id),
    glossaryPath,
  });
}

/**
 * Where an ingest publishes its index: the index directory (STORE=files, the
 * default) or PostgreSQL (STORE=postgres). Both give the previous version back
 * as a `LoadedIndex`, so incremental reuse by sha256 works the same way.
 */
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Config } from "../src/config/env.js";
import { IndexError } from "../src/core/errors.js";
import { indexExists, loadIndex, writeIndex, type EmbedderDescriptor, type IndexContents, type LoadedIndex } from "../src/core/index-store.js";
import { postgresCacheDir } from "../src/store/postgres/cache-dir.js";
import { loadIndexFromPostgres, postgresIndexExists } from "../src/store/postgres/load.js";
import { databaseUrlOf, withPool } from "../src/store/postgres/pool.js";
import { publishIndexVersion } from "../src/store/postgres/publish.js";

type Expected = { embedder: EmbedderDescriptor; analyzer: string };

export interface IndexOutput {
  /** The current version, to reuse unchanged documents from; null when there is none or it is incompatible. */
  previous(embeddings: EmbeddingsInterface, expected: Expected): Promise<LoadedIndex | null>;
  /** Publishes a complete version atomically. */
  publish(contents: IndexContents, embeddings: EmbeddingsInterface): Promise<void>;
}

/** The index directory (atomic symlink swap, see src/core/index-store.ts). */
function fileIndexOutput(indexDir: string): IndexOutput {
  return {
    async previous(embeddings, expected) {
      if (!indexExists(indexDir)) return null;
      // An incompatible or damaged previous index is simply not reused.
      return loadIndex(indexDir, embeddings, expected).catch(() => null);
    },
    async publish(contents, embeddings) {
      await writeIndex(indexDir, contents, embeddings);
    },
  };
}

/** PostgreSQL: one transaction per version, announced with NOTIFY (src/store/postgres/publish.ts). */
function postgresIndexOutput(config: Config): IndexOutput {
  const url = databaseUrlOf(config);
  return {
    previous: (embeddings, expected) =>
      withPool(url, async (pool) => {
        if (!(await postgresIndexExists(pool))) return null;
        // A database that cannot be reached fails the ingest; only an incompatible version is skipped.
        return loadIndexFromPostgres(pool, embeddings, expected, { cacheDir: postgresCacheDir(config), skipOriginals: true }).catch((err: unknown) => {
          if (err instanceof IndexError) return null;
          throw err;
        });
      }),
    async publish(contents) {
      // The database-side search tables follow the configuration, so the instances can serve this version at once.
      const options = { pgvector: config.store.vectorSearch === "pgvector", fulltext: config.store.lexicalSearch === "postgres" };
      await withPool(url, (pool) => publishIndexVersion(pool, contents, options));
    },
  };
}

/** The output the configuration asks for. */
export function indexOutputFor(config: Config, indexDir: string): IndexOutput {
  return config.store.kind === "postgres" ? postgresIndexOutput(config) : fileIndexOutput(indexDir);
}

/**
 * Opens an index and builds the answer service for it: the one place where
 * the embedder, the index and the Swedish text context meet. Used by the
 * server, the CLI and the eval so all three answer identically.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import type pg from "pg";
import type { Config } from "../config/env.js";
import { tuning } from "../config/tuning.js";
import { loadIndex, type LoadedIndex } from "../core/index-store.js";
import { createChatModel } from "../models/chat-model.js";
import { createEmbedder } from "../models/embedder.js";
import { createAnswerService, type AnswerService, type AnswerServiceDeps } from "../query/answer.js";
import { analyzerVersionFor, textFeatures } from "../text/index-terms.js";
import type { SearchBackends } from "../query/search-backends.js";
import { collectVocabulary, createTextContext, loadGlossary } from "../text/index.js";
import { postgresCacheDir } from "../store/postgres/cache-dir.js";
import { pgvectorDenseSearch, postgresLexicalSearch } from "../store/postgres/database-search.js";
import { ensureVersionFulltext } from "../store/postgres/fulltext-search.js";
import { loadIndexFromPostgres } from "../store/postgres/load.js";
import { ensureVersionEmbeddings } from "../store/postgres/pgvector-search.js";
import { createPool, databaseUrlOf, withPool } from "../store/postgres/pool.js";

/** Connections of a service's own search pool: each dense search holds one for a short transaction. */
export const SEARCH_POOL_SIZE = 10;

export interface OpenOptions {
  log?: (msg: string, err?: unknown) => void;
  today?: AnswerServiceDeps["today"];
  /**
   * Pool for database search (VECTOR_SEARCH=pgvector, LEXICAL_SEARCH=postgres)
   * owned by the caller and shared by the services it opens one after another
   * (the index holder's). Without it, a service that searches the database
   * opens its own pool and ends it in `close()`.
   */
  searchPool?: pg.Pool;
}

/** True when answering needs a connection to the database at query time, not only at load time. */
export function usesDatabaseSearch(config: Config): boolean {
  return config.store.kind === "postgres" && (config.store.vectorSearch === "pgvector" || config.store.lexicalSearch === "postgres");
}

/**
 * With LLM_PROVIDER set, answers are written by the configured model (checked
 * at boot by src/main.ts); otherwise they are extractive.
 */
export async function openAnswerService(config: Config, indexDir: string = config.indexDir, options: OpenOptions = {}): Promise<AnswerService> {
  const embedder = await createEmbedder(config.embeddings);
  const expected = { embedder: embedder.descriptor, analyzer: analyzerVersionFor(config) };
  // STORE=postgres: the current version in the database, replicated into memory (indexDir is unused).
  // With pgvector the replica holds no vectors and builds no HNSW graph: the database searches them.
  const skipVectors = config.store.kind === "postgres" && config.store.vectorSearch === "pgvector";
  const index: LoadedIndex =
    config.store.kind === "postgres"
      ? await withPool(databaseUrlOf(config), (pool) => loadIndexFromPostgres(pool, embedder.embeddings, expected, { cacheDir: postgresCacheDir(config), skipVectors }))
      : await loadIndex(indexDir, embedder.embeddings, expected);
  await nextTurn();
  const database = usesDatabaseSearch(config) ? await openDatabaseSearch(config, index, options) : undefined;
  const glossary = loadGlossary(index.glossaryPath);
  const text = createTextContext({
    glossary,
    // Typo correction works on whole words: a misspelt word is closer to the word than to its stem.
    vocabulary: index.vocabulary ?? collectVocabulary(index.chunks.map((c) => `${c.title} ${c.text}`)),
    idf: (t) => index.lexical.idf(t),
    features: textFeatures(config),
  });
  // Load the dictionary, word classes and typo index now, so the first question does not pay for them.
  await text.warmUp();
  const chat = config.llm.provider !== "none" ? createChatModel(config.llm) : undefined;
  return createAnswerService({
    index,
    embeddings: embedder.embeddings,
    text,
    config,
    ...(chat ? { chat } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.today ? { today: options.today } : {}),
    ...(database ? { search: database.search, close: database.close } : {}),
  });
}

/**
 * The database searches for `index`'s version. A version published before
 * the setting was switched on gets its pgvector / full-text rows now (once,
 * idempotent), so a search never silently runs against an empty table.
 */
async function openDatabaseSearch(config: Config, index: LoadedIndex, options: OpenOptions): Promise<{ search: SearchBackends; close: () => Promise<void> }> {
  const owned = !options.searchPool;
  const pool = options.searchPool ?? createPool(databaseUrlOf(config), { max: SEARCH_POOL_SIZE, ...(options.log ? { log: options.log } : {}) });
  let ended: Promise<void> | undefined;
  // Idempotent: a second close (holder shutdown after a swap) must not end the pool twice.
  const close = async () => {
    if (owned) await (ended ??= pool.end());
  };
  try {
    const scope = { pool, version: index.manifest.version, chunkCount: index.chunks.length };
    const search: SearchBackends = {};
    if (config.store.vectorSearch === "pgvector") {
      await ensureVersionEmbeddings(pool, scope.version, index.manifest.embedder.dimensions, scope.chunkCount);
      search.dense = scope.chunkCount > 0 ? pgvectorDenseSearch(scope, { efSearch: tuning.retrieval.hnswEf }) : null;
    }
    if (config.store.lexicalSearch === "postgres") {
      await ensureVersionFulltext(pool, scope.version, scope.chunkCount);
      search.lexical = postgresLexicalSearch(scope);
    }
    return { search, close };
  } catch (err) {
    await close();
    throw err;
  }
}

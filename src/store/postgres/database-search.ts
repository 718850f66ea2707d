/**
 * Retrieval's dense and lexical searches served by the database, shaped like
 * src/query/search-backends.ts's DenseSearch and LexicalSearch (structurally:
 * the store does not import the query layer). Results name chunks by
 * ordinal, which is their position in the replica's `LoadedIndex.chunks`
 * (load.ts reads chunks ORDER BY ordinal). The replica's access predicate is
 * turned into an ordinal list once per search and applied in SQL.
 */
import type pg from "pg";
import { searchFulltext, type FulltextGroup } from "./fulltext-search.js";
import { searchPgvector } from "./pgvector-search.js";
import { ordinalFilter } from "./search-filter.js";

interface Scope {
  pool: pg.Pool;
  /** The version the replica serves; older versions stay searchable until pruned. */
  version: string;
  /** Chunks in that version (the replica's `chunks.length`). */
  chunkCount: number;
}

/** Dense search with pgvector; each search takes ONE pooled connection for its transaction-local settings. */
export function pgvectorDenseSearch(scope: Scope, options: { efSearch?: number } = {}) {
  return {
    async search(vector: number[], k: number, allowIdx?: (i: number) => boolean): Promise<{ index: number; similarity: number }[]> {
      const filter = allowIdx ? ordinalFilter(scope.chunkCount, allowIdx) : null;
      const client = await scope.pool.connect();
      try {
        const hits = await searchPgvector(client, scope.version, vector, k, options.efSearch, filter);
        return hits.map((h) => ({ index: h.ordinal, similarity: 1 - h.distance }));
      } finally {
        client.release();
      }
    },
  };
}

/** Lexical search with PostgreSQL full-text search (`swedish`); one statement per search. */
export function postgresLexicalSearch(scope: Scope) {
  return {
    async search(query: { groups(): FulltextGroup[] }, k: number, allowIdx?: (i: number) => boolean): Promise<{ doc: number; score: number }[]> {
      const filter = allowIdx ? ordinalFilter(scope.chunkCount, allowIdx) : null;
      const hits = await searchFulltext(scope.pool, scope.version, query.groups(), k, filter);
      return hits.map((h) => ({ doc: h.ordinal, score: h.rank }));
    },
  };
}

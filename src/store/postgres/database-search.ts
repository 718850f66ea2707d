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
import { withConnection } from "./pool.js";
import { ordinalFilter, type OrdinalFilter } from "./search-filter.js";

interface Scope {
  pool: pg.Pool;
  /** The version the replica serves; older versions stay searchable until pruned. */
  version: string;
  /** Chunks in that version (the replica's `chunks.length`). */
  chunkCount: number;
}

/**
 * The SQL filter for a request's access predicate. Retrieval hands the same
 * predicate to both searches of one question, so with both in the database
 * the chunk list is walked once, not twice.
 */
const filters = new WeakMap<(i: number) => boolean, OrdinalFilter | null>();
function filterFor(scope: Scope, allowIdx: ((i: number) => boolean) | undefined): OrdinalFilter | null {
  if (!allowIdx) return null;
  let filter = filters.get(allowIdx);
  if (filter === undefined) {
    filter = ordinalFilter(scope.chunkCount, allowIdx);
    filters.set(allowIdx, filter);
  }
  return filter;
}

/** Dense search with pgvector; each search takes ONE pooled connection for its transaction-local settings. */
export function pgvectorDenseSearch(scope: Scope, options: { efSearch?: number } = {}) {
  return {
    async search(vector: number[], k: number, allowIdx?: (i: number) => boolean): Promise<{ index: number; similarity: number }[]> {
      const filter = filterFor(scope, allowIdx);
      const hits = await withConnection(scope.pool, (client) => searchPgvector(client, scope.version, vector, k, options.efSearch, filter));
      return hits.map((h) => ({ index: h.ordinal, similarity: 1 - h.distance }));
    },
  };
}

/** Lexical search with PostgreSQL full-text search (`swedish`); one statement per search. */
export function postgresLexicalSearch(scope: Scope) {
  return {
    async search(query: { groups(): FulltextGroup[] }, k: number, allowIdx?: (i: number) => boolean): Promise<{ doc: number; score: number }[]> {
      const filter = filterFor(scope, allowIdx);
      const hits = await searchFulltext(scope.pool, scope.version, query.groups(), k, filter);
      return hits.map((h) => ({ doc: h.ordinal, score: h.rank }));
    },
  };
}

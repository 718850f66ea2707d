/**
 * Dense search inside PostgreSQL with pgvector (VECTOR_SEARCH=pgvector), for
 * corpora whose vectors should not be held in every instance's memory.
 * Vectors of each published version are copied from `chunks.vector`
 * (real[]) into `chunk_embeddings.embedding vector(n)`, indexed with HNSW
 * for cosine distance, and searched with `ORDER BY embedding <=> $1 LIMIT k`.
 * Same SQL on a PostgreSQL server with the `vector` extension and on PGlite
 * with @electric-sql/pglite-pgvector (tests/integration/pgvector-pglite.test.ts).
 */
import type pg from "pg";
import { AppError } from "../../core/errors.js";
import { allowsNothing, ordinalClause, type OrdinalFilter } from "./search-filter.js";
import { ensureVersionRows } from "./side-tables.js";
import { inTransaction, type SqlClient } from "./sql-client.js";

/** The database has no pgvector extension, or the embeddings table does not fit. */
export class PgvectorError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("pgvector_error", message, 500, options);
  }
}

export interface PgvectorHit {
  chunkId: string;
  /** Position of the chunk in the version's chunk list (LoadedIndex.chunks). */
  ordinal: number;
  /** Cosine distance (1 − cosine similarity), as HNSWLib reports it. */
  distance: number;
}

/** pgvector's text input format: `[0.1,0.2,…]`. */
function toVectorLiteral(vector: readonly number[]): string {
  return `[${vector.join(",")}]`;
}

/**
 * Creates the `vector` extension and `chunk_embeddings` for `dimensions`
 * (recreated when an earlier embedder used other dimensions: those vectors
 * could not be compared with new queries anyway).
 */
export async function enablePgvector(db: SqlClient, dimensions: number): Promise<void> {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 16000) {
    throw new PgvectorError(`store/postgres/pgvector: ogiltigt antal dimensioner ${dimensions} (1–16000).`);
  }
  try {
    await db.query("CREATE EXTENSION IF NOT EXISTS vector");
  } catch (cause) {
    throw new PgvectorError("store/postgres/pgvector: tillägget vector (pgvector) finns inte i databasen; installera pgvector eller sätt VECTOR_SEARCH=replica.", { cause });
  }
  const { rows } = await db.query<{ type: string }>(
    "SELECT format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a WHERE a.attrelid = to_regclass('chunk_embeddings') AND a.attname = 'embedding'",
  );
  const wanted = `vector(${dimensions})`;
  if (rows[0] && rows[0].type !== wanted) await db.query("DROP TABLE chunk_embeddings");
  await db.query(
    `CREATE TABLE IF NOT EXISTS chunk_embeddings (
       version_id text NOT NULL REFERENCES index_versions (id) ON DELETE CASCADE,
       ordinal integer NOT NULL,
       chunk_id text NOT NULL,
       embedding ${wanted} NOT NULL,
       PRIMARY KEY (version_id, ordinal)
     )`,
  );
  await db.query("CREATE INDEX IF NOT EXISTS chunk_embeddings_hnsw ON chunk_embeddings USING hnsw (embedding vector_cosine_ops)");
}

/** Copies version `version`'s chunk vectors into `chunk_embeddings` (idempotent). Returns the number of rows copied. */
export async function copyVersionEmbeddings(db: SqlClient, version: string): Promise<number> {
  const { rows } = await db.query<{ n: string | number }>(
    `WITH copied AS (
       INSERT INTO chunk_embeddings (version_id, ordinal, chunk_id, embedding)
       SELECT version_id, ordinal, id, vector::vector FROM chunks WHERE version_id = $1
       ON CONFLICT DO NOTHING
       RETURNING 1
     ) SELECT count(*) AS n FROM copied`,
    [version],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Makes sure `version` is searchable with pgvector: a version published while
 * VECTOR_SEARCH was `replica` (or before pgvector was installed) has no rows
 * in `chunk_embeddings` yet; they are copied once, under the store's
 * advisory lock so instances starting together do not race on the DDL.
 */
export function ensureVersionEmbeddings(pool: pg.Pool, version: string, dimensions: number, chunkCount: number): Promise<void> {
  return ensureVersionRows(pool, "chunk_embeddings", version, chunkCount, async (client) => {
    await enablePgvector(client, dimensions);
    await copyVersionEmbeddings(client, version);
  });
}

/**
 * The `k` chunks of `version` nearest to `vector` by cosine distance.
 * `db` must be ONE connection (a pg PoolClient, a pg Client or PGlite), not
 * a pool: the search settings are transaction-local.
 * @param efSearch HNSW candidate list size; raising it trades speed for recall.
 * @param filter access restriction, applied in the WHERE clause: with
 *   `iterative_scan` the HNSW scan continues past disallowed rows until k
 *   allowed ones are found, so a filter never costs results (up to
 *   pgvector's `hnsw.max_scan_tuples`, 20 000 by default).
 */
export async function searchPgvector(
  db: SqlClient,
  version: string,
  vector: readonly number[],
  k: number,
  efSearch = 100,
  filter?: OrdinalFilter | null,
): Promise<PgvectorHit[]> {
  if (allowsNothing(filter)) return [];
  return inTransaction(db, async () => {
    // Other versions share the index: keep scanning until k rows of this version are found, in exact distance order.
    await db.query("SET LOCAL hnsw.iterative_scan = strict_order");
    await db.query(`SET LOCAL hnsw.ef_search = ${Math.min(1000, Math.max(k, Math.floor(efSearch)))}`);
    const params: unknown[] = [toVectorLiteral(vector), version, k];
    const restrict = ordinalClause(filter, params);
    const { rows } = await db.query<{ chunk_id: string; ordinal: number; distance: number }>(
      `SELECT chunk_id, ordinal, embedding <=> $1::vector AS distance
         FROM chunk_embeddings
        WHERE version_id = $2${restrict}
        ORDER BY embedding <=> $1::vector
        LIMIT $3`,
      params,
    );
    return rows.map((r) => ({ chunkId: r.chunk_id, ordinal: r.ordinal, distance: Number(r.distance) }));
  });
}

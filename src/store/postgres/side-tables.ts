/**
 * Per-version side tables that only some settings need (`chunk_embeddings`
 * for VECTOR_SEARCH=pgvector, `chunk_fulltext` for LEXICAL_SEARCH=postgres).
 * A version published before the setting was switched on has no rows there
 * yet; they are filled once when a service opens it, under the store's lock
 * so instances starting together do not race on the DDL.
 */
import type pg from "pg";
import { underStoreLock } from "./pool.js";
import type { SqlClient } from "./sql-client.js";

export type SideTable = "chunk_embeddings" | "chunk_fulltext";

/** Rows of `version` in `table`; null when the table does not exist. */
async function versionRowCount(db: SqlClient, table: SideTable, version: string): Promise<number | null> {
  const { rows: exists } = await db.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [table]);
  if (!exists[0]?.t) return null;
  const { rows } = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${table} WHERE version_id = $1`, [version]);
  return Number(rows[0]?.n ?? 0);
}

/** Runs `fill` (create the table if needed, copy the version's rows) unless `table` already holds all `chunkCount` rows of `version`. */
export async function ensureVersionRows(pool: pg.Pool, table: SideTable, version: string, chunkCount: number, fill: (client: pg.PoolClient) => Promise<unknown>): Promise<void> {
  if (chunkCount === 0) return;
  if ((await versionRowCount(pool, table, version)) === chunkCount) return;
  await underStoreLock(pool, fill);
}

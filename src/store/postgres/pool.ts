/**
 * Connection pools for STORE=postgres. Every caller owns the pool it opens
 * and ends it; `withPool` is for one-shot work (an ingest, one index load).
 */
import pg from "pg";
import type { Config } from "../../config/env.js";
import { AppError } from "../../core/errors.js";
import { inTransaction, STORE_LOCK_KEY } from "./sql-client.js";

/** STORE=postgres was asked for without a usable DATABASE_URL. */
class PostgresConfigError extends AppError {
  constructor(message: string) {
    super("postgres_config", message, 500);
  }
}

/** The database URL of a postgres-store config; throws when the store is not postgres. */
export function databaseUrlOf(config: Config): string {
  if (config.store.kind !== "postgres" || !config.store.databaseUrl) {
    throw new PostgresConfigError(`store/postgres: STORE=${config.store.kind} och DATABASE_URL=${config.store.databaseUrl ?? "(saknas)"}; PostgreSQL-lagret kräver STORE=postgres och DATABASE_URL.`);
  }
  return config.store.databaseUrl;
}

/** A new pool on `databaseUrl`; idle-client errors are reported instead of crashing the process. */
export function createPool(databaseUrl: string, options: { max?: number; log?: (msg: string, err?: unknown) => void } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 4 });
  pool.on("error", (err) => options.log?.("PostgreSQL: en vilande anslutning bröts", err));
  return pool;
}

/** Runs `fn` with a pool that is ended afterwards, also when `fn` throws. */
export async function withPool<T>(databaseUrl: string, fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = createPool(databaseUrl, { max: 2 });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

/** Runs `fn` with one connection of `pool`, given back afterwards, also when `fn` throws. */
export async function withConnection<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

/**
 * Runs `fn` in one transaction holding the store's advisory lock, so schema
 * changes and publishes from several instances take turns (readers are never
 * blocked). The lock is released with the transaction.
 */
export function underStoreLock<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withConnection(pool, (client) =>
    inTransaction(client, async (c) => {
      await c.query("SELECT pg_advisory_xact_lock($1)", [STORE_LOCK_KEY]);
      return fn(c);
    }),
  );
}

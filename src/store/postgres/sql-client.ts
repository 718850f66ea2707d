/**
 * The smallest SQL surface the PostgreSQL store needs. Both a `pg` Pool or
 * client and PGlite satisfy it, so the same SQL runs against a real server
 * and against PostgreSQL compiled to WebAssembly in tests.
 */

/** Anything that runs one parameterised statement and returns its rows. */
export interface SqlClient {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

/** The notification channel a published index version is announced on. */
export const VERSION_CHANNEL = "rutinsvar_index";

/**
 * Key of the advisory lock that serialises schema migrations and publishes
 * across every instance sharing the database (an arbitrary constant).
 */
export const STORE_LOCK_KEY = 7_316_852_001;

/**
 * Runs `fn` inside one transaction on `client` (ONE connection, never a
 * pool): committed when `fn` returns, rolled back when it throws.
 * @param begin the statement that opens it, e.g. "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY".
 */
export async function inTransaction<C extends SqlClient, T>(client: C, fn: (client: C) => Promise<T>, begin = "BEGIN"): Promise<T> {
  await client.query(begin);
  try {
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
}

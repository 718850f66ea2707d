/**
 * An instance following the database: its own small pool and one listening
 * connection, reporting each newly published version (see listen.ts).
 */
import type { Config } from "../../config/env.js";
import { listenForVersions, type VersionListener } from "./listen.js";
import { createPool, databaseUrlOf } from "./pool.js";

/** Listens for new versions of a STORE=postgres config; `close()` also ends the pool. */
export async function followPostgresVersions(
  config: Config,
  onVersion: (version: string) => void,
  log: (msg: string, err?: unknown) => void = () => {},
): Promise<VersionListener> {
  // Two connections: one held for LISTEN, one for the catch-up query after a reconnect.
  const pool = createPool(databaseUrlOf(config), { max: 2, log });
  try {
    const listener = await listenForVersions(pool, onVersion, log);
    return {
      async close() {
        await listener.close();
        await pool.end();
      },
    };
  } catch (err) {
    await pool.end();
    throw err;
  }
}

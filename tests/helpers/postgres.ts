/**
 * A PostgreSQL database for one test file: reuses the server in
 * `DATABASE_URL` when set, otherwise starts a throwaway server with
 * scripts/db-start.sh (which installs PostgreSQL via apt when missing). Each
 * call gets its own fresh database, so test files can run in parallel.
 * When no server can be had, `url` is null and `reason` says why; tests then
 * skip with that message.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);
const SCRIPT = path.resolve("scripts/db-start.sh");

export interface TestPostgres {
  /** URL of a fresh, empty database; null when PostgreSQL is unavailable. */
  url: string | null;
  /** Why PostgreSQL is unavailable (when `url` is null). */
  reason?: string;
  /** Drops the database and stops the server if this helper started it. */
  stop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Starts (or reuses) a server and creates a fresh database on it. */
export async function startTestPostgres(): Promise<TestPostgres> {
  let serverUrl = process.env.DATABASE_URL;
  let dataDir: string | undefined;
  if (!serverUrl) {
    try {
      const { stdout } = await run("bash", [SCRIPT], { timeout: 600_000 });
      serverUrl = /^DATABASE_URL=(.+)$/m.exec(stdout)?.[1];
      dataDir = /^PGDATA=(.+)$/m.exec(stdout)?.[1];
      if (!serverUrl) throw new Error(`scripts/db-start.sh gav ingen DATABASE_URL: ${stdout}`);
    } catch (err) {
      const detail = (err as { stderr?: string }).stderr?.trim() || (err instanceof Error ? err.message : String(err));
      const reason = `PostgreSQL kunde inte installeras eller startas (scripts/db-start.sh): ${detail}`;
      console.warn(`[postgres-tests] HOPPAR ÖVER: ${reason}`);
      return { url: null, reason, stop: async () => {} };
    }
  }
  const database = `rutinsvar_t_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  return {
    url: withDatabase(serverUrl, database),
    async stop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      await c.end();
      if (dataDir) await run("bash", [SCRIPT, "--stop", dataDir]).catch(() => undefined);
    },
  };
}

/**
 * The service's own records in PostgreSQL (STORE=postgres): audit log,
 * feedback, ingest jobs and the question log, on one pool shared by the four
 * stores. Every instance on the database reads and writes the same rows.
 */
import type pg from "pg";
import { createPostgresAuditLog } from "./audit-log.js";
import { createPostgresFeedbackStore } from "./feedback.js";
import { createPostgresJobStore } from "./ingest-jobs.js";
import { createPool } from "./pool.js";
import { createPostgresQuestionLog } from "./question-log.js";
import { migrate } from "./schema.js";
import type { PostgresStores } from "../types.js";

/**
 * Pool size: a request needs one connection at a time, and a running job
 * holds one more for its whole life (the job slot's advisory lock).
 */
const POOL_MAX = 6;

/** Opens a pool on `databaseUrl`, applies pending migrations and returns the stores on it. */
export async function openPostgresStores(databaseUrl: string, log: (msg: string, err?: unknown) => void = () => {}): Promise<PostgresStores> {
  const pool: pg.Pool = createPool(databaseUrl, { max: POOL_MAX, log });
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const jobs = createPostgresJobStore(pool, log);
  return {
    kind: "postgres",
    pool,
    audit: createPostgresAuditLog(pool),
    feedback: createPostgresFeedbackStore(pool),
    jobs,
    questions: createPostgresQuestionLog(pool),
    async close() {
      // A job still holding the slot would keep pool.end() waiting; its connection is dropped instead.
      jobs.dropClaims();
      await pool.end();
    },
  };
}

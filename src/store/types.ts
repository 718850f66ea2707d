/**
 * The shape of the service stores, in a leaf file: src/store/index.ts opens
 * them and src/store/postgres/service-stores.ts builds the PostgreSQL ones,
 * both import these types from here (no import cycle).
 */
import type pg from "pg";
import type { AuditLog } from "./audit-log.js";
import type { Db } from "./db.js";
import type { FeedbackStore } from "./feedback.js";
import type { JobStore } from "./ingest-jobs.js";
import type { QuestionLog } from "./question-log.js";

interface StoresBase {
  audit: AuditLog;
  feedback: FeedbackStore;
  jobs: JobStore;
  questions: QuestionLog;
  /** Ends the SQLite handle or the PostgreSQL pool. */
  close(): Promise<void>;
}

/** The stores on one SQLite database (STORE=files). */
export interface SqliteStores extends StoresBase {
  kind: "files";
  db: Db;
}

/** The stores on one PostgreSQL pool (STORE=postgres). */
export interface PostgresStores extends StoresBase {
  kind: "postgres";
  pool: pg.Pool;
}

export type Stores = SqliteStores | PostgresStores;

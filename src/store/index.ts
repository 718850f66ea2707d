/**
 * The service's own records (audit log, feedback, ingest jobs, question
 * log), opened together on the store the config names: SQLite at
 * `<DATA_DIR>/rutinsvar.sqlite` for STORE=files (one per instance), or the
 * shared PostgreSQL database for STORE=postgres, where it is the single
 * source of truth for every instance.
 */
import type { Config } from "../config/env.js";
import { createAuditLog } from "./audit-log.js";
import { openDatabase } from "./db.js";
import { createFeedbackStore } from "./feedback.js";
import { createJobStore } from "./ingest-jobs.js";
import { openPostgresStores } from "./postgres/service-stores.js";
import { databaseUrlOf } from "./postgres/pool.js";
import { createQuestionLog } from "./question-log.js";
import type { SqliteStores, Stores } from "./types.js";

export type { SqliteStores, Stores } from "./types.js";

/** Opens `<dataDir>/rutinsvar.sqlite` (or ":memory:") and the stores on it. */
export function openSqliteStores(dataDir: string): SqliteStores {
  const db = openDatabase(dataDir);
  return {
    kind: "files",
    db,
    audit: createAuditLog(db),
    feedback: createFeedbackStore(db),
    jobs: createJobStore(db),
    questions: createQuestionLog(db),
    close: async () => {
      db.close();
    },
  };
}

/** The stores `config.store.kind` asks for: SQLite in DATA_DIR, or PostgreSQL at DATABASE_URL (migrated on open). */
export async function openStores(config: Config, log: (msg: string, err?: unknown) => void = () => {}): Promise<Stores> {
  if (config.store.kind === "postgres") return openPostgresStores(databaseUrlOf(config), log);
  return openSqliteStores(config.dataDir);
}

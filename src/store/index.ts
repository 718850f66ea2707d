/**
 * The SQLite-backed stores, opened together on one database.
 */
import { createAuditLog, type AuditLog } from "./audit-log.js";
import { openDatabase, type Db } from "./db.js";
import { createFeedbackStore, type FeedbackStore } from "./feedback.js";
import { createJobStore, type JobStore } from "./ingest-jobs.js";

export interface Stores {
  db: Db;
  audit: AuditLog;
  feedback: FeedbackStore;
  jobs: JobStore;
  close(): void;
}

/** Opens `<dataDir>/rutinsvar.sqlite` (or ":memory:") and the stores on it. */
export function openStores(dataDir: string): Stores {
  const db = openDatabase(dataDir);
  return {
    db,
    audit: createAuditLog(db),
    feedback: createFeedbackStore(db),
    jobs: createJobStore(db),
    close: () => db.close(),
  };
}

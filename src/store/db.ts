/**
 * The service's own SQLite database (feedback, audit log, ingest jobs) at
 * `<DATA_DIR>/rutinsvar.sqlite`. WAL lets readers continue while a write is
 * in progress. Schema changes are numbered migrations tracked in the
 * `user_version` pragma; each runs once, in a transaction.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

/** File name of the database inside the data directory. */
export const DB_FILE = "rutinsvar.sqlite";

/** Migration N (1-based) brings the schema from user_version N-1 to N. Never edit a released entry; append. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT,
     result TEXT NOT NULL,
     detail TEXT
   );
   CREATE INDEX audit_log_at ON audit_log (at);
   CREATE TABLE feedback (
     id TEXT PRIMARY KEY,
     created_at TEXT NOT NULL,
     rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
     question TEXT NOT NULL,
     answer TEXT NOT NULL,
     comment TEXT,
     citations TEXT NOT NULL
   );
   CREATE INDEX feedback_created ON feedback (created_at);
   CREATE TABLE ingest_jobs (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     actor TEXT NOT NULL,
     description TEXT NOT NULL,
     status TEXT NOT NULL,
     created_at TEXT NOT NULL,
     started_at TEXT,
     finished_at TEXT,
     progress TEXT NOT NULL,
     results TEXT NOT NULL,
     summary TEXT,
     error TEXT
   );
   CREATE INDEX ingest_jobs_created ON ingest_jobs (created_at);`,
  // Documents in the served index before and after each job (JSON {before, after}).
  `ALTER TABLE ingest_jobs ADD COLUMN documents TEXT;`,
];

/** Applies pending migrations; returns the resulting schema version. */
function migrate(db: Db): number {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`store: databasen har schemaversion ${current}, nyare än den här versionen av Rutinsvar känner till (${MIGRATIONS.length}).`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return MIGRATIONS.length;
}

/** Opens (creating if needed) and migrates the database in `dataDir`. Use ":memory:" for a throwaway one. */
export function openDatabase(dataDir: string): Db {
  let file = ":memory:";
  if (dataDir !== ":memory:") {
    mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, DB_FILE);
  }
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

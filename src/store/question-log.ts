/**
 * The question log for the data-protection officer: who asked what (with
 * personal data masked), when, and which documents the answer cited. Rows
 * older than RETENTION_DAYS are deleted (retention.ts).
 */
import type { Db } from "./db.js";
import { fromJson, isoOf } from "./row-values.js";

export interface QuestionLogEntry {
  id: number;
  /** ISO time the answer was given. */
  at: string;
  userId: string;
  /** The question with personal data masked ("[personnummer]" …). */
  question: string;
  /** True when personal data was found (and masked) in the question. */
  hadPersonalData: boolean;
  abstained: boolean;
  /** Documents cited in the answer. */
  documents: { documentId: string; source: string; title: string }[];
  durationMs: number;
}

type NewQuestionLogEntry = Omit<QuestionLogEntry, "id" | "at"> & { at?: string };

/** The question log; SQLite here, PostgreSQL in postgres/service-stores.ts. */
export interface QuestionLog {
  record(entry: NewQuestionLogEntry): Promise<QuestionLogEntry>;
  /** Newest first; `since` (ISO time) keeps rows at or after it. */
  list(options?: { limit?: number; since?: string }): Promise<QuestionLogEntry[]>;
  /** Deletes rows older than `before` (ISO time); returns how many. */
  deleteBefore(before: string): Promise<number>;
}

/** A `question_log` row as either store returns it (row-values.ts). */
export interface QuestionRow {
  id: number | string;
  at: string | Date;
  user_id: string;
  question: string;
  had_personal_data: number | boolean;
  abstained: number | boolean;
  documents: string | QuestionLogEntry["documents"];
  duration_ms: number;
}

/** A question-log entry from a row of either store. */
export function questionFromRow(r: QuestionRow): QuestionLogEntry {
  return {
    id: Number(r.id),
    at: isoOf(r.at)!,
    userId: r.user_id,
    question: r.question,
    hadPersonalData: r.had_personal_data === 1 || r.had_personal_data === true,
    abstained: r.abstained === 1 || r.abstained === true,
    documents: fromJson<QuestionLogEntry["documents"]>(r.documents),
    durationMs: Number(r.duration_ms),
  };
}

// Created here rather than as a numbered migration in db.ts so this module can land independently;
// IF NOT EXISTS makes it safe to run on every open.
const SCHEMA = `CREATE TABLE IF NOT EXISTS question_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  question TEXT NOT NULL,
  had_personal_data INTEGER NOT NULL,
  abstained INTEGER NOT NULL,
  documents TEXT NOT NULL,
  duration_ms REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS question_log_at ON question_log (at);`;

/** The question log stored in the SQLite database `db` (creates its table if needed). */
export function createQuestionLog(db: Db): QuestionLog {
  db.exec(SCHEMA);
  const insert = db.prepare(
    "INSERT INTO question_log (at, user_id, question, had_personal_data, abstained, documents, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const select = db.prepare("SELECT * FROM question_log WHERE at >= ? ORDER BY id DESC LIMIT ?");
  const remove = db.prepare("DELETE FROM question_log WHERE at < ?");
  return {
    async record(e) {
      const at = e.at ?? new Date().toISOString();
      const info = insert.run(at, e.userId, e.question, e.hadPersonalData ? 1 : 0, e.abstained ? 1 : 0, JSON.stringify(e.documents), e.durationMs);
      return { ...e, id: Number(info.lastInsertRowid), at };
    },
    async list({ limit = 10_000, since = "" } = {}) {
      return (select.all(since, limit) as QuestionRow[]).map(questionFromRow);
    },
    async deleteBefore(before) {
      return remove.run(before).changes;
    },
  };
}

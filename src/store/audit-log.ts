/**
 * Audit log of administrator actions: who, what, when, result. Rows are only
 * ever appended.
 */
import type { Db } from "./db.js";
import { fromJson, isoOf } from "./row-values.js";

export interface AuditEntry {
  id: number;
  /** ISO time. */
  at: string;
  /** "admin" for the shared admin token, "system" for the service itself. */
  actor: string;
  /** What was done, e.g. "ladda upp", "ta bort", "ändra metadata", "indexera om". */
  action: string;
  /** What it was done to: file names, a document id, a job id. */
  target: string | null;
  /** "ok", "nekad (401 …)", "misslyckades: …" */
  result: string;
  detail: Record<string, unknown> | null;
}

type NewAuditEntry = Omit<AuditEntry, "id" | "at"> & { at?: string };

/** The audit log; SQLite here, PostgreSQL in postgres/service-stores.ts. */
export interface AuditLog {
  record(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. */
  list(options?: { limit?: number; offset?: number }): Promise<AuditEntry[]>;
}

/** An `audit_log` row as either store returns it (row-values.ts). */
export interface AuditRow {
  id: number | string;
  at: string | Date;
  actor: string;
  action: string;
  target: string | null;
  result: string;
  detail: string | Record<string, unknown> | null;
}

/** An audit entry from a row of either store. */
export function auditFromRow(r: AuditRow): AuditEntry {
  return {
    id: Number(r.id),
    at: isoOf(r.at)!,
    actor: r.actor,
    action: r.action,
    target: r.target,
    result: r.result,
    detail: r.detail ? fromJson<Record<string, unknown>>(r.detail) : null,
  };
}

/** The audit log stored in the SQLite database `db`. */
export function createAuditLog(db: Db): AuditLog {
  const insert = db.prepare("INSERT INTO audit_log (at, actor, action, target, result, detail) VALUES (?, ?, ?, ?, ?, ?)");
  const select = db.prepare("SELECT * FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?");
  return {
    async record(entry) {
      const at = entry.at ?? new Date().toISOString();
      const detail = entry.detail ? JSON.stringify(entry.detail) : null;
      const info = insert.run(at, entry.actor, entry.action, entry.target, entry.result, detail);
      return { id: Number(info.lastInsertRowid), at, actor: entry.actor, action: entry.action, target: entry.target, result: entry.result, detail: entry.detail };
    },
    async list({ limit = 200, offset = 0 } = {}) {
      return (select.all(limit, offset) as AuditRow[]).map(auditFromRow);
    },
  };
}

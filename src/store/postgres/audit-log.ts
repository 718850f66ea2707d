/**
 * The audit log in PostgreSQL: one trail for every instance sharing the
 * database. Same contract as the SQLite log (../audit-log.ts).
 */
import type pg from "pg";
import type { AuditEntry, AuditLog } from "../audit-log.js";
import { isoOf, jsonParam } from "./rows.js";

interface Row {
  id: string;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  result: string;
  detail: Record<string, unknown> | null;
}

/** The `audit_log` table of `pool`'s database (migration 2). */
export function createPostgresAuditLog(pool: pg.Pool): AuditLog {
  return {
    async record(entry) {
      const at = entry.at ?? new Date().toISOString();
      const { rows } = await pool.query<{ id: string }>(
        "INSERT INTO audit_log (at, actor, action, target, result, detail) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        [at, entry.actor, entry.action, entry.target, entry.result, jsonParam(entry.detail)],
      );
      return { id: Number(rows[0]!.id), at, actor: entry.actor, action: entry.action, target: entry.target, result: entry.result, detail: entry.detail };
    },
    async list({ limit = 200, offset = 0 } = {}) {
      const { rows } = await pool.query<Row>("SELECT * FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2", [limit, offset]);
      return rows.map((r): AuditEntry => ({ ...r, id: Number(r.id), at: isoOf(r.at)! }));
    },
  };
}

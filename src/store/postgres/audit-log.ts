/**
 * The audit log in PostgreSQL: one trail for every instance sharing the
 * database. Same contract as the SQLite log (../audit-log.ts).
 */
import type pg from "pg";
import { auditFromRow, type AuditLog, type AuditRow } from "../audit-log.js";
import { jsonParam } from "./rows.js";

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
      const { rows } = await pool.query<AuditRow>("SELECT * FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2", [limit, offset]);
      return rows.map(auditFromRow);
    },
  };
}

/**
 * The question log in PostgreSQL (questions already masked by the caller).
 * Same contract as ../question-log.ts; retention deletes old rows.
 */
import type pg from "pg";
import { questionFromRow, type QuestionLog, type QuestionRow } from "../question-log.js";
import { jsonParam, timeParam } from "./rows.js";

/** The `question_log` table of `pool`'s database (migration 2). */
export function createPostgresQuestionLog(pool: pg.Pool): QuestionLog {
  return {
    async record(e) {
      const at = e.at ?? new Date().toISOString();
      const { rows } = await pool.query<{ id: string }>(
        "INSERT INTO question_log (at, user_id, question, had_personal_data, abstained, documents, duration_ms) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        [at, e.userId, e.question, e.hadPersonalData, e.abstained, jsonParam(e.documents), e.durationMs],
      );
      return { ...e, id: Number(rows[0]!.id), at };
    },
    async list({ limit = 10_000, since } = {}) {
      const { rows } = since
        ? await pool.query<QuestionRow>("SELECT * FROM question_log WHERE at >= $1 ORDER BY id DESC LIMIT $2", [timeParam(since, "Frågeloggen"), limit])
        : await pool.query<QuestionRow>("SELECT * FROM question_log ORDER BY id DESC LIMIT $1", [limit]);
      return rows.map(questionFromRow);
    },
    async deleteBefore(before) {
      const { rowCount } = await pool.query("DELETE FROM question_log WHERE at < $1", [before]);
      return rowCount ?? 0;
    },
  };
}

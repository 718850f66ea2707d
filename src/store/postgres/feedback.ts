/**
 * Answer feedback in PostgreSQL, so feedback given through any instance is
 * listed and exported by every other. Same contract as ../feedback.ts.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { feedbackFromRow, type FeedbackEntry, type FeedbackRow, type FeedbackStore } from "../feedback.js";
import { jsonParam } from "./rows.js";

/** The `feedback` table of `pool`'s database (migration 2). */
export function createPostgresFeedbackStore(pool: pg.Pool): FeedbackStore {
  return {
    async add(f) {
      const entry: FeedbackEntry = { ...f, id: randomUUID(), createdAt: new Date().toISOString() };
      await pool.query("INSERT INTO feedback (id, created_at, rating, question, answer, comment, citations) VALUES ($1, $2, $3, $4, $5, $6, $7)", [
        entry.id,
        entry.createdAt,
        f.rating,
        f.question,
        f.answer,
        f.comment || null,
        jsonParam(f.citations),
      ]);
      return entry;
    },
    async list({ rating, limit = 1000 } = {}) {
      const { rows } = rating
        ? await pool.query<FeedbackRow>("SELECT * FROM feedback WHERE rating = $1 ORDER BY created_at DESC, seq DESC LIMIT $2", [rating, limit])
        : await pool.query<FeedbackRow>("SELECT * FROM feedback ORDER BY rating = 'down' DESC, created_at DESC, seq DESC LIMIT $1", [limit]);
      return rows.map(feedbackFromRow);
    },
    async deleteBefore(before) {
      const { rowCount } = await pool.query("DELETE FROM feedback WHERE created_at < $1", [before]);
      return rowCount ?? 0;
    },
  };
}

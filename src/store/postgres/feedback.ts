/**
 * Answer feedback in PostgreSQL, so feedback given through any instance is
 * listed and exported by every other. Same contract as ../feedback.ts.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { FeedbackEntry, FeedbackStore } from "../feedback.js";
import { isoOf, jsonParam } from "./rows.js";

interface Row {
  id: string;
  created_at: Date;
  rating: "up" | "down";
  question: string;
  answer: string;
  comment: string | null;
  citations: FeedbackEntry["citations"];
}

function fromRow(r: Row): FeedbackEntry {
  return {
    id: r.id,
    createdAt: isoOf(r.created_at)!,
    rating: r.rating,
    question: r.question,
    answer: r.answer,
    ...(r.comment ? { comment: r.comment } : {}),
    citations: r.citations,
  };
}

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
        ? await pool.query<Row>("SELECT * FROM feedback WHERE rating = $1 ORDER BY created_at DESC, seq DESC LIMIT $2", [rating, limit])
        : await pool.query<Row>("SELECT * FROM feedback ORDER BY rating = 'down' DESC, created_at DESC, seq DESC LIMIT $1", [limit]);
      return rows.map(fromRow);
    },
    async deleteBefore(before) {
      const { rowCount } = await pool.query("DELETE FROM feedback WHERE created_at < $1", [before]);
      return rowCount ?? 0;
    },
  };
}

/**
 * Feedback on chat answers (thumbs up/down, optional comment), kept so
 * administrators can review poor answers ("svar att granska") and export them.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "./db.js";
import { fromJson, isoOf } from "./row-values.js";

export const feedbackRequestSchema = z.object({
  question: z.string({ error: "Frågan saknas." }).trim().min(1, "Frågan saknas.").max(2000, "Frågan är för lång."),
  answer: z.string({ error: "Svaret saknas." }).max(20000, "Svaret är för långt."),
  rating: z.enum(["up", "down"], { error: 'Betyget ska vara "up" eller "down".' }),
  comment: z.string().trim().max(2000, "Kommentaren är för lång (högst 2000 tecken).").optional(),
  citations: z
    .array(z.object({ chunkId: z.string().max(200), source: z.string().max(500) }))
    .max(50)
    .default([]),
});
type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;

export interface FeedbackEntry extends FeedbackRequest {
  id: string;
  createdAt: string;
}

/** Answer feedback; SQLite here, PostgreSQL in postgres/service-stores.ts. */
export interface FeedbackStore {
  add(feedback: FeedbackRequest): Promise<FeedbackEntry>;
  /** Thumbs down first, then newest first. */
  list(options?: { rating?: "up" | "down"; limit?: number }): Promise<FeedbackEntry[]>;
  /** Deletes feedback given before `before` (ISO time); returns how many (retention.ts). */
  deleteBefore(before: string): Promise<number>;
}

/** A `feedback` row as either store returns it (row-values.ts). */
export interface FeedbackRow {
  id: string;
  created_at: string | Date;
  rating: "up" | "down";
  question: string;
  answer: string;
  comment: string | null;
  citations: string | FeedbackEntry["citations"];
}

/** A feedback entry from a row of either store. */
export function feedbackFromRow(r: FeedbackRow): FeedbackEntry {
  return {
    id: r.id,
    createdAt: isoOf(r.created_at)!,
    rating: r.rating,
    question: r.question,
    answer: r.answer,
    ...(r.comment ? { comment: r.comment } : {}),
    citations: fromJson<FeedbackEntry["citations"]>(r.citations),
  };
}

/** The feedback table in the SQLite database `db`. */
export function createFeedbackStore(db: Db): FeedbackStore {
  const insert = db.prepare("INSERT INTO feedback (id, created_at, rating, question, answer, comment, citations) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const all = db.prepare("SELECT * FROM feedback ORDER BY rating = 'down' DESC, created_at DESC, rowid DESC LIMIT ?");
  const byRating = db.prepare("SELECT * FROM feedback WHERE rating = ? ORDER BY created_at DESC, rowid DESC LIMIT ?");
  const remove = db.prepare("DELETE FROM feedback WHERE created_at < ?");
  return {
    async add(f) {
      const entry: FeedbackEntry = { ...f, id: randomUUID(), createdAt: new Date().toISOString() };
      insert.run(entry.id, entry.createdAt, f.rating, f.question, f.answer, f.comment || null, JSON.stringify(f.citations));
      return entry;
    },
    async list({ rating, limit = 1000 } = {}) {
      const rows = (rating ? byRating.all(rating, limit) : all.all(limit)) as FeedbackRow[];
      return rows.map(feedbackFromRow);
    },
    async deleteBefore(before) {
      return remove.run(before).changes;
    },
  };
}

/** A CSV cell: quoted, with spreadsheet formula triggers (= + - @, tab, CR) neutralised by a leading apostrophe. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Feedback as CSV (RFC 4180, CRLF, UTF-8 with BOM so Excel shows å, ä, ö). */
export function feedbackCsv(entries: FeedbackEntry[]): string {
  const header = ["id", "tid", "betyg", "fråga", "svar", "kommentar", "källor"];
  const lines = [header.map(csvCell).join(",")];
  for (const e of entries) {
    lines.push(
      [e.id, e.createdAt, e.rating === "up" ? "bra" : "dåligt", e.question, e.answer, e.comment ?? "", e.citations.map((c) => `${c.source}#${c.chunkId}`).join("; ")]
        .map(csvCell)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

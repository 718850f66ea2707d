/**
 * Retention: the question log and answer feedback are deleted after
 * RETENTION_DAYS days, at start and then once a day. The admin audit log is
 * kept (it records administrators' changes to the routines, not questions).
 */
import type { Db } from "./db.js";
import type { QuestionLog } from "./question-log.js";

const DAY_MS = 24 * 3600_000;

export interface PurgeResult {
  /** Rows older than this ISO time were deleted. */
  before: string;
  questions: number;
  feedback: number;
}

/** Deletes question-log rows and feedback older than `days` days before `now`. */
export function purgeExpired(db: Db, questions: QuestionLog, days: number, now: Date = new Date()): PurgeResult {
  const before = new Date(now.getTime() - days * DAY_MS).toISOString();
  const hasFeedback = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feedback'").get() !== undefined;
  const feedback = hasFeedback ? db.prepare("DELETE FROM feedback WHERE created_at < ?").run(before).changes : 0;
  return { before, questions: questions.deleteBefore(before), feedback };
}

/**
 * Purges now and every 24 hours. The timer is unref'd so it never keeps the
 * process alive; call the returned function to stop it.
 */
export function scheduleRetention(db: Db, questions: QuestionLog, days: number, log: (msg: string, err?: unknown) => void): () => void {
  const run = () => {
    try {
      const r = purgeExpired(db, questions, days);
      if (r.questions + r.feedback > 0) log(`retention: deleted ${r.questions} questions and ${r.feedback} feedback entries older than ${r.before}`);
    } catch (err) {
      log("retention: purge failed", err);
    }
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Retention: the question log and answer feedback are deleted after
 * RETENTION_DAYS days, at start and then once a day. The admin audit log is
 * kept (it records administrators' changes to the routines, not questions).
 * Works on either store; with PostgreSQL every instance purges, which is
 * harmless because a purge is idempotent.
 */
import type { FeedbackStore } from "./feedback.js";
import type { QuestionLog } from "./question-log.js";

const DAY_MS = 24 * 3600_000;

export interface PurgeResult {
  /** Rows older than this ISO time were deleted. */
  before: string;
  questions: number;
  feedback: number;
}

/** The stores retention deletes from. */
export interface RetentionStores {
  questions: QuestionLog;
  feedback: FeedbackStore;
}

/** Deletes question-log rows and feedback older than `days` days before `now`. */
export async function purgeExpired(stores: RetentionStores, days: number, now: Date = new Date()): Promise<PurgeResult> {
  const before = new Date(now.getTime() - days * DAY_MS).toISOString();
  const questions = await stores.questions.deleteBefore(before);
  const feedback = await stores.feedback.deleteBefore(before);
  return { before, questions, feedback };
}

/**
 * Purges now and every 24 hours. The timer is unref'd so it never keeps the
 * process alive; call the returned function to stop it. `done` resolves when
 * the first purge has finished (failures are logged, never thrown).
 */
export function scheduleRetention(
  stores: RetentionStores,
  days: number,
  log: (msg: string, err?: unknown) => void,
): { stop: () => void; done: Promise<void> } {
  const run = async () => {
    try {
      const r = await purgeExpired(stores, days);
      if (r.questions + r.feedback > 0) log(`retention: deleted ${r.questions} questions and ${r.feedback} feedback entries older than ${r.before}`);
    } catch (err) {
      log("retention: purge failed", err);
    }
  };
  const done = run();
  const timer = setInterval(() => void run(), DAY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), done };
}

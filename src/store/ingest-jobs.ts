/**
 * History of re-ingest jobs started from the admin API. The running job lives
 * in memory (src/admin/job-runner.ts); each state change is written here so
 * the history survives a restart.
 */
import type { Db } from "./db.js";

export type JobStatus = "queued" | "running" | "succeeded" | "failed";
export type JobKind = "upload" | "delete" | "metadata" | "reindex";

export interface JobResult {
  source: string;
  status: "ingested" | "unchanged" | "failed";
  chunks: number;
  warnings: string[];
  error: string | null;
}

export interface JobRecord {
  id: string;
  kind: JobKind;
  actor: string;
  /** What the job is for, in Swedish, e.g. "Ladda upp rutin.pdf". */
  description: string;
  status: JobStatus;
  progress: { done: number; total: number; current: string };
  results: JobResult[];
  summary: { version: string; documents: number; chunks: number; failed: number; seconds: number } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export interface JobStore {
  save(job: JobRecord): void;
  get(id: string): JobRecord | undefined;
  /** Newest first. */
  list(limit?: number): JobRecord[];
  /** Marks jobs left queued/running by a previous process as failed; returns how many. */
  failInterrupted(message: string): number;
}

interface Row {
  id: string;
  kind: JobKind;
  actor: string;
  description: string;
  status: JobStatus;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  progress: string;
  results: string;
  summary: string | null;
  error: string | null;
}

function fromRow(r: Row): JobRecord {
  return {
    id: r.id,
    kind: r.kind,
    actor: r.actor,
    description: r.description,
    status: r.status,
    progress: JSON.parse(r.progress) as JobRecord["progress"],
    results: JSON.parse(r.results) as JobResult[],
    summary: r.summary ? (JSON.parse(r.summary) as JobRecord["summary"]) : null,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error,
  };
}

/** The ingest_jobs table in `db`. */
export function createJobStore(db: Db): JobStore {
  const upsert = db.prepare(
    `INSERT INTO ingest_jobs (id, kind, actor, description, status, created_at, started_at, finished_at, progress, results, summary, error)
     VALUES (@id, @kind, @actor, @description, @status, @createdAt, @startedAt, @finishedAt, @progress, @results, @summary, @error)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, started_at = excluded.started_at, finished_at = excluded.finished_at,
       progress = excluded.progress, results = excluded.results, summary = excluded.summary, error = excluded.error`,
  );
  const one = db.prepare("SELECT * FROM ingest_jobs WHERE id = ?");
  const many = db.prepare("SELECT * FROM ingest_jobs ORDER BY created_at DESC, rowid DESC LIMIT ?");
  const interrupt = db.prepare("UPDATE ingest_jobs SET status = 'failed', error = ?, finished_at = ? WHERE status IN ('queued', 'running')");
  return {
    save(job) {
      upsert.run({
        ...job,
        progress: JSON.stringify(job.progress),
        results: JSON.stringify(job.results),
        summary: job.summary ? JSON.stringify(job.summary) : null,
      });
    },
    get(id) {
      const row = one.get(id) as Row | undefined;
      return row ? fromRow(row) : undefined;
    },
    list(limit = 50) {
      return (many.all(limit) as Row[]).map(fromRow);
    },
    failInterrupted(message) {
      return interrupt.run(message, new Date().toISOString()).changes;
    },
  };
}

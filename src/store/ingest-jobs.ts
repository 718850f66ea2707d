/**
 * Re-ingest jobs started from the admin API: their history and the single
 * job slot. The job runner (src/admin/job-runner.ts) writes each state change
 * here, so the history survives a restart and, with PostgreSQL
 * (postgres/service-stores.ts), every instance sees every job. This file
 * holds the interface and the SQLite implementation, whose slot is per
 * process (its database is per instance anyway).
 */
import type { Db } from "./db.js";
import { fromJson, isoOf } from "./row-values.js";

type JobStatus = "queued" | "running" | "succeeded" | "failed";
export type JobKind = "upload" | "delete" | "metadata" | "reindex" | "restore";

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
  /**
   * Documents in the served index when the job started and when it finished
   * (`after` is null while it runs; a failed job leaves the index, so after = before).
   * Absent for jobs recorded before this was kept.
   */
  documents?: { before: number; after: number | null };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

/** Why a job left queued or running by an owner that is gone was marked failed. */
export const INTERRUPTED_JOB_MESSAGE = "Tjänsten startades om medan jobbet pågick; det tidigare indexet används.";

/** The job slot held by one job; given back when the job has been saved as finished. */
export interface JobClaim {
  release(): Promise<void>;
}

export interface JobStore {
  /** Inserts or updates the job (its id, kind, actor, description and creation time never change). */
  save(job: JobRecord): Promise<void>;
  get(id: string): Promise<JobRecord | undefined>;
  /** Newest first. */
  list(limit?: number): Promise<JobRecord[]>;
  /**
   * Takes the single job slot for `jobId`, shared by every process using
   * this store; null when another job holds it.
   */
  claim(jobId: string): Promise<JobClaim | null>;
  /** The queued or running job whose owner is alive (holds the slot), if any. */
  active(): Promise<JobRecord | null>;
  /** Marks jobs left queued/running by an owner that is gone as failed; returns how many. */
  failInterrupted(message: string): Promise<number>;
}

/**
 * An `ingest_jobs` row as either store returns it: SQLite gives JSON text and
 * ISO strings, PostgreSQL parsed jsonb and Date objects.
 */
export interface JobRow {
  id: string;
  kind: JobKind;
  actor: string;
  description: string;
  status: JobStatus;
  created_at: string | Date;
  started_at: string | Date | null;
  finished_at: string | Date | null;
  progress: string | JobRecord["progress"];
  results: string | JobResult[];
  summary: string | JobRecord["summary"];
  /** Absent in rows of a database not migrated yet; null for jobs recorded before it existed. */
  documents?: string | JobRecord["documents"] | null;
  error: string | null;
}

/** A job record from a row of either store. */
export function jobFromRow(r: JobRow): JobRecord {
  return {
    id: r.id,
    kind: r.kind,
    actor: r.actor,
    description: r.description,
    status: r.status,
    progress: fromJson<JobRecord["progress"]>(r.progress),
    results: fromJson<JobResult[]>(r.results),
    summary: r.summary ? fromJson<NonNullable<JobRecord["summary"]>>(r.summary) : null,
    ...(r.documents ? { documents: fromJson<NonNullable<JobRecord["documents"]>>(r.documents) } : {}),
    createdAt: isoOf(r.created_at)!,
    startedAt: isoOf(r.started_at),
    finishedAt: isoOf(r.finished_at),
    error: r.error,
  };
}

/** The ingest_jobs table in the SQLite database `db`; the slot is held in this process. */
export function createJobStore(db: Db): JobStore {
  const upsert = db.prepare(
    `INSERT INTO ingest_jobs (id, kind, actor, description, status, created_at, started_at, finished_at, progress, results, summary, documents, error)
     VALUES (@id, @kind, @actor, @description, @status, @createdAt, @startedAt, @finishedAt, @progress, @results, @summary, @documents, @error)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, started_at = excluded.started_at, finished_at = excluded.finished_at,
       progress = excluded.progress, results = excluded.results, summary = excluded.summary, documents = excluded.documents, error = excluded.error`,
  );
  const one = db.prepare("SELECT * FROM ingest_jobs WHERE id = ?");
  const many = db.prepare("SELECT * FROM ingest_jobs ORDER BY created_at DESC, rowid DESC LIMIT ?");
  const interrupt = db.prepare("UPDATE ingest_jobs SET status = 'failed', error = ?, finished_at = ? WHERE status IN ('queued', 'running') AND id IS NOT ?");
  let holder: string | null = null;
  const get = (id: string): JobRecord | undefined => {
    const row = one.get(id) as JobRow | undefined;
    return row ? jobFromRow(row) : undefined;
  };
  return {
    async save(job) {
      upsert.run({
        ...job,
        progress: JSON.stringify(job.progress),
        results: JSON.stringify(job.results),
        summary: job.summary ? JSON.stringify(job.summary) : null,
        documents: job.documents ? JSON.stringify(job.documents) : null,
      });
    },
    async get(id) {
      return get(id);
    },
    async list(limit = 50) {
      return (many.all(limit) as JobRow[]).map(jobFromRow);
    },
    async claim(jobId) {
      if (holder !== null) return null;
      holder = jobId;
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          if (holder === jobId) holder = null;
        },
      };
    },
    async active() {
      if (holder === null) return null;
      const job = get(holder);
      return job && (job.status === "queued" || job.status === "running") ? job : null;
    },
    async failInterrupted(message) {
      // The job holding this process's slot is alive; every other unfinished one was left by an earlier process.
      return interrupt.run(message, new Date().toISOString(), holder).changes;
    },
  };
}

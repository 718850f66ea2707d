/**
 * Re-ingest jobs, one at a time. A job runs the same incremental `runIngest`
 * pipeline as `npm run ingest` into the same index directory (published
 * atomically), then swaps the server's answer service. Until the swap,
 * questions are answered from the previous version; a failed job leaves it.
 */
import { randomUUID } from "node:crypto";
import { IngestFailedError, runIngest, type IngestOptions, type IngestSummary } from "../../ingest/pipeline.js";
import type { Config } from "../config/env.js";
import { AppError } from "../core/errors.js";
import type { IndexHolder } from "../server/index-holder.js";
import type { JobKind, JobRecord, JobResult, JobStore } from "../store/ingest-jobs.js";

/** Another job is queued or running; `jobId` names it. */
export class JobBusyError extends AppError {
  readonly jobId: string;
  constructor(jobId: string) {
    super("job_running", `Ett inläsningsjobb pågår redan (${jobId}). Vänta tills det är klart och försök igen.`, 409);
    this.jobId = jobId;
  }
}

export interface JobRunnerDeps {
  config: Config;
  holder: IndexHolder;
  store: JobStore;
  log: (msg: string, err?: unknown) => void;
  /** Called once when a job has finished (succeeded or failed), e.g. for the audit log. */
  onFinished?: (job: JobRecord) => void;
}

export interface JobHandle {
  readonly id: string;
  /** Runs the job; resolves with the finished record and never rejects. */
  run(options?: Pick<IngestOptions, "reparse">): Promise<JobRecord>;
  /** Gives the slot back when preparing the job failed; the job is recorded as failed. */
  abandon(error: unknown): void;
}

export interface JobRunner {
  /** Reserves the single job slot (status "queued"). Throws JobBusyError when taken. */
  begin(kind: JobKind, description: string, actor: string): JobHandle;
  /** The queued or running job, if any. */
  active(): JobRecord | null;
  get(id: string): JobRecord | undefined;
  /** Newest first. */
  list(limit?: number): JobRecord[];
  /** Resolves when job `id` is no longer queued or running. */
  wait(id: string): Promise<JobRecord | undefined>;
}

/** Milliseconds between progress writes to the database. */
const PERSIST_EVERY_MS = 1000;

function toResults(summary: IngestSummary): JobResult[] {
  return summary.results.map((r) => ({
    source: r.source,
    status: r.status,
    chunks: r.chunks,
    warnings: r.warnings,
    error: r.error ? r.error.message : null,
  }));
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Creates the runner; marks jobs a previous process left unfinished as failed. */
export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const { config, holder, store, log } = deps;
  store.failInterrupted("Tjänsten startades om medan jobbet pågick; det tidigare indexet används.");
  let active: JobRecord | null = null;
  let finished: Promise<JobRecord> | null = null;

  const snapshot = (job: JobRecord): JobRecord => structuredClone(job);

  function finish(job: JobRecord): JobRecord {
    job.finishedAt = new Date().toISOString();
    store.save(job);
    active = null;
    finished = null;
    try {
      deps.onFinished?.(snapshot(job));
    } catch (err) {
      log("job onFinished failed", err);
    }
    return snapshot(job);
  }

  async function execute(job: JobRecord, options: Pick<IngestOptions, "reparse">): Promise<JobRecord> {
    job.status = "running";
    job.startedAt = new Date().toISOString();
    store.save(job);
    let lastSave = Date.now();
    try {
      const summary = await runIngest({
        corpusDir: config.corpusDir,
        indexDir: config.indexDir,
        config,
        ...options,
        onProgress: (p) => {
          job.progress = { ...p };
          if (Date.now() - lastSave > PERSIST_EVERY_MS) {
            lastSave = Date.now();
            store.save(job);
          }
        },
      });
      job.results = toResults(summary);
      job.summary = { version: summary.version, documents: summary.documents, chunks: summary.chunks, failed: summary.failed, seconds: summary.seconds };
      // The new version is published; answer from it only once it is fully loaded.
      await holder.reload();
      job.status = "succeeded";
    } catch (err) {
      job.status = "failed";
      job.error = message(err);
      if (err instanceof IngestFailedError) job.results = toResults(err.summary);
      else log(`job ${job.id} failed`, err);
    }
    return finish(job);
  }

  return {
    begin(kind, description, actor) {
      if (active) throw new JobBusyError(active.id);
      const job: JobRecord = {
        id: `job-${new Date().toISOString().replace(/[-:.TZ]/g, "").slice(0, 14)}-${randomUUID().slice(0, 8)}`,
        kind,
        actor,
        description,
        status: "queued",
        progress: { done: 0, total: 0, current: "" },
        results: [],
        summary: null,
        createdAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        error: null,
      };
      active = job;
      store.save(job);
      let started = false;
      return {
        id: job.id,
        run(options = {}) {
          if (started) throw new Error(`job-runner: jobbet ${job.id} har redan startats.`);
          started = true;
          finished = execute(job, options);
          return finished;
        },
        abandon(error) {
          if (started) return;
          started = true;
          job.status = "failed";
          job.error = message(error);
          finish(job);
        },
      };
    },
    active: () => (active ? snapshot(active) : null),
    get(id) {
      if (active?.id === id) return snapshot(active);
      return store.get(id);
    },
    list(limit = 50) {
      const rows = store.list(limit);
      // The running job's progress is newer in memory than in the database.
      return rows.map((r) => (active?.id === r.id ? snapshot(active) : r));
    },
    async wait(id) {
      if (active?.id === id && finished) return finished;
      return store.get(id);
    },
  };
}

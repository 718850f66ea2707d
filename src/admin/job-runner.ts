/**
 * Re-ingest jobs, one at a time across every instance sharing the job store.
 * A job runs the same incremental `runIngest` pipeline as `npm run ingest`
 * into the same index (published atomically), then swaps the server's answer
 * service. Until the swap, questions are answered from the previous version;
 * a failed job leaves it.
 *
 * The single slot is the store's (`JobStore.claim`): per process with
 * SQLite, cluster-wide with PostgreSQL, so a second job started on another
 * instance is refused with the same 409. Status and progress are written to
 * the store, which is where other instances read them.
 */
import { randomUUID } from "node:crypto";
import type { Config } from "../config/env.js";
import { AppError } from "../core/errors.js";
import type { Manifest } from "../core/index-store.js";
import { INTERRUPTED_JOB_MESSAGE, type JobClaim, type JobKind, type JobRecord, type JobResult, type JobStore } from "../store/ingest-jobs.js";
import type { IngestFunctions, IngestRunOptions, IngestRunSummary } from "./ingest-functions.js";

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
  /** The manifest of the index this instance serves now. */
  served: () => Manifest;
  /** Loads the newest published index and answers from it once fully loaded; resolves with its manifest. */
  reload: () => Promise<Manifest>;
  /** Runs the ingest pipeline (src/main.ts passes ingest/'s runIngest). */
  ingest: Pick<IngestFunctions, "run" | "failedSummary">;
  store: JobStore;
  log: (msg: string, err?: unknown) => void;
  /**
   * Called once when a job has finished (succeeded or failed), e.g. for the
   * audit log; awaited before the final status is saved, so whoever sees the
   * job finished also sees what this wrote.
   */
  onFinished?: (job: JobRecord) => void | Promise<void>;
}

export interface JobHandle {
  readonly id: string;
  /** Runs the job; resolves with the finished record and never rejects. */
  run(options?: Pick<IngestRunOptions, "reparse">): Promise<JobRecord>;
  /**
   * Runs `work` instead of an ingest (e.g. switching to the previous index
   * version), then reloads the served index like an ingest job; the summary
   * describes the version served afterwards. When the reload fails, `undo`
   * puts back what `work` changed. Resolves with the finished record and never rejects.
   */
  runTask(work: () => Promise<void>, undo?: () => Promise<void>): Promise<JobRecord>;
  /** Gives the slot back when preparing the job failed; the job is recorded as failed. */
  abandon(error: unknown): Promise<void>;
}

export interface JobRunner {
  /** Reserves the single job slot (status "queued"). Rejects with JobBusyError when taken, here or on another instance. */
  begin(kind: JobKind, description: string, actor: string): Promise<JobHandle>;
  /** The queued or running job, on this or another instance, if any. */
  active(): Promise<JobRecord | null>;
  get(id: string): Promise<JobRecord | undefined>;
  /** Newest first. */
  list(limit?: number): Promise<JobRecord[]>;
  /** Resolves when job `id` (if run by this instance) is no longer queued or running. */
  wait(id: string): Promise<JobRecord | undefined>;
  /** Resolves when this instance runs no job, or after `timeoutMs`; for shutdown. */
  idle(timeoutMs?: number): Promise<void>;
}

/** Milliseconds between progress writes to the store. */
const PERSIST_EVERY_MS = 1000;
/** How often and how long `begin` looks again when the slot is taken but no live job is listed yet (it is being written or given back). */
const BUSY_RETRIES = 20;
const BUSY_RETRY_MS = 50;

function toResults(summary: IngestRunSummary): JobResult[] {
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** This instance's job: its record (newer in memory than in the store), its slot and its run. */
interface LocalJob {
  job: JobRecord;
  claim: JobClaim;
  finished: Promise<JobRecord> | null;
  /** Store writes of this job, one at a time so a late progress write never overtakes the final status. */
  writes: Promise<void>;
}

/** Creates the runner; first marks jobs an instance that is gone left unfinished as failed. */
export async function createJobRunner(deps: JobRunnerDeps): Promise<JobRunner> {
  const { config, served, reload, ingest, store, log } = deps;
  await store.failInterrupted(INTERRUPTED_JOB_MESSAGE);
  let local: LocalJob | null = null;
  /** Id of a job whose slot is being claimed, so a second request on this instance is refused at once. */
  let claiming: string | null = null;

  const snapshot = (job: JobRecord): JobRecord => structuredClone(job);

  function persist(entry: LocalJob, job: JobRecord): Promise<void> {
    const copy = snapshot(job);
    entry.writes = entry.writes.then(() => store.save(copy)).catch((err: unknown) => log(`job ${copy.id}: could not save its state`, err));
    return entry.writes;
  }

  /** Documents of the index this instance serves now. */
  const servedDocuments = (): number => served().counts.documents;

  async function finish(entry: LocalJob, outcome: Partial<JobRecord>): Promise<JobRecord> {
    const before = entry.job.documents?.before ?? servedDocuments();
    // A failed job leaves the index as it was, so `after` is what is served either way.
    const final: JobRecord = { ...snapshot(entry.job), ...outcome, documents: { before, after: servedDocuments() }, finishedAt: new Date().toISOString() };
    try {
      await deps.onFinished?.(snapshot(final));
    } catch (err) {
      log("job onFinished failed", err);
    }
    await persist(entry, final);
    // The slot is given back only once the final status is stored: a row still "running" always has a live owner.
    await entry.claim.release().catch((err: unknown) => log(`job ${final.id}: could not release the job slot`, err));
    Object.assign(entry.job, final);
    if (local === entry) local = null;
    return snapshot(final);
  }

  /** Runs a task that is not an ingest; the summary is the served version's after the reload. */
  async function executeTask(entry: LocalJob, work: () => Promise<void>, undo?: () => Promise<void>): Promise<JobRecord> {
    const { job } = entry;
    job.status = "running";
    job.startedAt = new Date().toISOString();
    await persist(entry, job);
    const started = performance.now();
    const outcome: Partial<JobRecord> = {};
    try {
      await work();
      const manifest = await reload().catch(async (err: unknown) => {
        // The old service still answers; the published state goes back to match it.
        await undo?.().catch((undoErr: unknown) => log(`job ${job.id}: could not undo after a failed reload`, undoErr));
        throw err;
      });
      outcome.summary = { version: manifest.version, documents: manifest.counts.documents, chunks: manifest.counts.chunks, failed: 0, seconds: (performance.now() - started) / 1000 };
      outcome.status = "succeeded";
    } catch (err) {
      outcome.status = "failed";
      outcome.error = message(err);
      log(`job ${job.id} failed`, err);
    }
    return finish(entry, outcome);
  }

  async function execute(entry: LocalJob, options: Pick<IngestRunOptions, "reparse">): Promise<JobRecord> {
    const { job } = entry;
    job.status = "running";
    job.startedAt = new Date().toISOString();
    await persist(entry, job);
    let lastSave = Date.now();
    const outcome: Partial<JobRecord> = {};
    try {
      const summary = await ingest.run({
        corpusDir: config.corpusDir,
        indexDir: config.indexDir,
        config,
        ...options,
        onProgress: (p) => {
          job.progress = { ...p };
          if (Date.now() - lastSave > PERSIST_EVERY_MS) {
            lastSave = Date.now();
            void persist(entry, job);
          }
        },
      });
      outcome.results = toResults(summary);
      outcome.summary = { version: summary.version, documents: summary.documents, chunks: summary.chunks, failed: summary.failed, seconds: summary.seconds };
      // The new version is published; answer from it only once it is fully loaded.
      await reload();
      outcome.status = "succeeded";
    } catch (err) {
      outcome.status = "failed";
      outcome.error = message(err);
      const failed = ingest.failedSummary(err);
      if (failed) outcome.results = toResults(failed);
      else log(`job ${job.id} failed`, err);
    }
    return finish(entry, outcome);
  }

  /** Claims the slot for `id`, or names the job holding it. */
  async function claimSlot(id: string): Promise<JobClaim> {
    for (let attempt = 0; ; attempt++) {
      const claim = await store.claim(id);
      if (claim) return claim;
      const holderJob = await store.active();
      if (holderJob) throw new JobBusyError(holderJob.id);
      if (attempt >= BUSY_RETRIES) throw new JobBusyError("okänt jobb");
      await sleep(BUSY_RETRY_MS);
    }
  }

  return {
    async begin(kind, description, actor) {
      if (local) throw new JobBusyError(local.job.id);
      if (claiming) throw new JobBusyError(claiming);
      const job: JobRecord = {
        id: `job-${new Date().toISOString().replace(/[-:.TZ]/g, "").slice(0, 14)}-${randomUUID().slice(0, 8)}`,
        kind,
        actor,
        description,
        status: "queued",
        progress: { done: 0, total: 0, current: "" },
        results: [],
        summary: null,
        documents: { before: servedDocuments(), after: null },
        createdAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        error: null,
      };
      claiming = job.id;
      let entry: LocalJob;
      try {
        const claim = await claimSlot(job.id);
        try {
          await store.save(job);
        } catch (err) {
          await claim.release().catch(() => undefined);
          throw err;
        }
        entry = { job, claim, finished: null, writes: Promise.resolve() };
        local = entry;
      } finally {
        claiming = null;
      }
      let started = false;
      return {
        id: job.id,
        run(options = {}) {
          if (started) throw new Error(`job-runner: jobbet ${job.id} har redan startats.`);
          started = true;
          entry.finished = execute(entry, options);
          return entry.finished;
        },
        runTask(work, undo) {
          if (started) throw new Error(`job-runner: jobbet ${job.id} har redan startats.`);
          started = true;
          entry.finished = executeTask(entry, work, undo);
          return entry.finished;
        },
        async abandon(error) {
          if (started) return;
          started = true;
          entry.finished = finish(entry, { status: "failed", error: message(error) });
          await entry.finished;
        },
      };
    },
    async active() {
      if (local) return snapshot(local.job);
      return store.active();
    },
    async get(id) {
      if (local?.job.id === id) return snapshot(local.job);
      return store.get(id);
    },
    async list(limit = 50) {
      const rows = await store.list(limit);
      // This instance's running job is newer in memory than in the store.
      return rows.map((r) => (local?.job.id === r.id ? snapshot(local.job) : r));
    },
    async wait(id) {
      if (local?.job.id === id && local.finished) return local.finished;
      return store.get(id);
    },
    async idle(timeoutMs = 10_000) {
      const running = local?.finished;
      if (!running) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
      clearTimeout(timer);
    },
  };
}

/**
 * Ingest jobs in PostgreSQL: history and progress every instance can read,
 * and ONE job slot for all instances sharing the database.
 *
 * The slot is a session-level advisory lock (JOB_SLOT_KEY) taken with
 * pg_try_advisory_lock on a connection held for the job's whole life; a
 * second instance's try fails, so it answers 409 like a second job on the
 * same instance. The owner also holds a per-job lock (JOB_LOCK_CLASS,
 * hashtext(job id)) taken BEFORE the job's row is written and released only
 * AFTER its final status is saved. So a queued/running row whose per-job
 * lock nobody holds was left by an instance that died (its connection
 * closed and PostgreSQL dropped its locks): that is how `active()` and
 * `failInterrupted()` tell a live job on another instance from an orphan.
 */
import type pg from "pg";
import { INTERRUPTED_JOB_MESSAGE, jobFromRow, type JobClaim, type JobRow, type JobStore } from "../ingest-jobs.js";
import { jsonParam } from "./rows.js";

/** Advisory lock key of the single job slot (bigint key space; an arbitrary constant beside STORE_LOCK_KEY). */
const JOB_SLOT_KEY = 7_316_852_002;
/** First key of the per-job advisory locks (int4 pair space: class, hashtext(job id)). */
const JOB_LOCK_CLASS = 731_685_203;

/** True for a row whose owner still holds its per-job lock, in this database. */
const OWNER_ALIVE = `EXISTS (
  SELECT 1 FROM pg_locks l
   WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
     AND l.classid = ${JOB_LOCK_CLASS}::oid AND l.objid = hashtext(j.id)::oid)`;

export interface PostgresJobStore extends JobStore {
  /** Drops the connections of claims still held (their locks go with them); for shutdown. */
  dropClaims(): void;
}

/** The `ingest_jobs` table of `pool`'s database (migration 2) and the cluster-wide job slot. */
export function createPostgresJobStore(pool: pg.Pool, log: (msg: string, err?: unknown) => void = () => {}): PostgresJobStore {
  /** Claims whose connection is still held, each with the function that gives it back. */
  const held = new Map<pg.PoolClient, (err?: Error) => void>();

  async function claim(jobId: string): Promise<JobClaim | null> {
    const client = await pool.connect();
    // A broken connection loses the locks with it; say so instead of crashing on an unhandled 'error'.
    const onError = (err: Error) => log(`PostgreSQL: anslutningen som håller jobbplatsen för ${jobId} bröts`, err);
    client.on("error", onError);
    let given = false;
    const give = (err?: Error) => {
      if (given) return;
      given = true;
      client.off("error", onError);
      held.delete(client);
      client.release(err);
    };
    try {
      const { rows } = await client.query<{ slot: boolean }>("SELECT pg_try_advisory_lock($1) AS slot", [JOB_SLOT_KEY]);
      if (!rows[0]?.slot) {
        give();
        return null;
      }
      await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [JOB_LOCK_CLASS, jobId]);
      // Holding the slot, no other job can be alive: any other unfinished row is an orphan.
      await client.query("UPDATE ingest_jobs SET status = 'failed', error = $1, finished_at = $2 WHERE status IN ('queued', 'running') AND id <> $3", [
        INTERRUPTED_JOB_MESSAGE,
        new Date().toISOString(),
        jobId,
      ]);
    } catch (err) {
      // Destroying the connection frees whatever it had locked.
      give(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
    held.set(client, give);
    return {
      async release() {
        if (given) return;
        try {
          await client.query("SELECT pg_advisory_unlock_all()");
          give();
        } catch (err) {
          give(err instanceof Error ? err : new Error(String(err)));
        }
      },
    };
  }

  return {
    async save(job) {
      await pool.query(
        `INSERT INTO ingest_jobs (id, kind, actor, description, status, created_at, started_at, finished_at, progress, results, summary, error, documents)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, started_at = excluded.started_at, finished_at = excluded.finished_at,
           progress = excluded.progress, results = excluded.results, summary = excluded.summary, error = excluded.error, documents = excluded.documents`,
        [
          job.id,
          job.kind,
          job.actor,
          job.description,
          job.status,
          job.createdAt,
          job.startedAt,
          job.finishedAt,
          jsonParam(job.progress),
          jsonParam(job.results),
          jsonParam(job.summary),
          job.error,
          jsonParam(job.documents),
        ],
      );
    },
    async get(id) {
      const { rows } = await pool.query<JobRow>("SELECT * FROM ingest_jobs WHERE id = $1", [id]);
      return rows[0] ? jobFromRow(rows[0]) : undefined;
    },
    async list(limit = 50) {
      const { rows } = await pool.query<JobRow>("SELECT * FROM ingest_jobs ORDER BY created_at DESC, seq DESC LIMIT $1", [limit]);
      return rows.map(jobFromRow);
    },
    claim,
    async active() {
      const { rows } = await pool.query<JobRow>(
        `SELECT * FROM ingest_jobs j WHERE status IN ('queued', 'running') AND ${OWNER_ALIVE} ORDER BY created_at DESC, seq DESC LIMIT 1`,
      );
      return rows[0] ? jobFromRow(rows[0]) : null;
    },
    async failInterrupted(message) {
      const { rowCount } = await pool.query(
        `UPDATE ingest_jobs j SET status = 'failed', error = $1, finished_at = $2 WHERE status IN ('queued', 'running') AND NOT ${OWNER_ALIVE}`,
        [message, new Date().toISOString()],
      );
      return rowCount ?? 0;
    },
    dropClaims() {
      for (const give of [...held.values()]) give(new Error("store/postgres: jobbplatsen släpps när tjänsten stängs"));
    },
  };
}

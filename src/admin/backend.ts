/**
 * Wires the admin backend: the service stores (SQLite for STORE=files,
 * PostgreSQL for STORE=postgres) and the job runner, with each finished job
 * written to the audit log. Used by src/main.ts and the tests.
 */
import type { Config } from "../config/env.js";
import type { IndexHolder } from "../server/index-holder.js";
import { openStores, type Stores } from "../store/index.js";
import { createJobRunner, type JobRunner } from "./job-runner.js";

export interface AdminBackend {
  stores: Stores;
  jobs: JobRunner;
  /** Waits briefly for a job this instance runs, then closes the stores. */
  close(): Promise<void>;
}

/** Opens the stores `config.store` names and a job runner that swaps `holder` after each successful job. */
export async function createAdminBackend(config: Config, holder: IndexHolder, log: (msg: string, err?: unknown) => void): Promise<AdminBackend> {
  const stores = await openStores(config, log);
  try {
    const jobs = await createJobRunner({
      config,
      holder,
      store: stores.jobs,
      log,
      onFinished: async (job) => {
        await stores.audit.record({
          actor: job.actor,
          action: "jobb klart",
          target: `${job.id}: ${job.description}`,
          result: job.status === "succeeded" ? "ok" : `misslyckades: ${job.error ?? "okänt fel"}`,
          detail: { summary: job.summary, failed: job.results.filter((r) => r.status === "failed").map((r) => ({ source: r.source, error: r.error })) },
        });
      },
    });
    return {
      stores,
      jobs,
      async close() {
        await jobs.idle();
        await stores.close();
      },
    };
  } catch (err) {
    await stores.close();
    throw err;
  }
}

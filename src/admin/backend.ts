/**
 * Wires the admin backend: the SQLite stores and the job runner, with each
 * finished job written to the audit log. Used by src/main.ts and the tests.
 */
import type { Config } from "../config/env.js";
import type { IndexHolder } from "../server/index-holder.js";
import { openStores, type Stores } from "../store/index.js";
import { createJobRunner, type JobRunner } from "./job-runner.js";

export interface AdminBackend {
  stores: Stores;
  jobs: JobRunner;
  close(): void;
}

/** Opens `<dataDir>/rutinsvar.sqlite` and a job runner that swaps `holder` after each successful job. */
export function createAdminBackend(config: Config, holder: IndexHolder, log: (msg: string, err?: unknown) => void): AdminBackend {
  const stores = openStores(config.dataDir);
  const jobs = createJobRunner({
    config,
    holder,
    store: stores.jobs,
    log,
    onFinished: (job) =>
      stores.audit.record({
        actor: job.actor,
        action: "jobb klart",
        target: `${job.id}: ${job.description}`,
        result: job.status === "succeeded" ? "ok" : `misslyckades: ${job.error ?? "okänt fel"}`,
        detail: { summary: job.summary, failed: job.results.filter((r) => r.status === "failed").map((r) => ({ source: r.source, error: r.error })) },
      }),
  });
  return { stores, jobs, close: () => stores.close() };
}

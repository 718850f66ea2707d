/**
 * Wires the admin backend: the service stores (SQLite for STORE=files,
 * PostgreSQL for STORE=postgres) and the job runner, with each finished job
 * written to the audit log. Used by src/main.ts and the tests.
 */
import type { Config } from "../config/env.js";
import type { Manifest } from "../core/index-store.js";
import { openStores, type Stores } from "../store/index.js";
import type { IngestFunctions } from "./ingest-functions.js";
import { createJobRunner, type JobRunner } from "./job-runner.js";

/** The index this instance serves, as far as the admin side needs it (src/lifecycle/index-holder.ts's holder is one). */
export interface ServedIndex {
  current(): { index: { manifest: Manifest } };
  /** Loads the newest published version and answers from it once fully loaded. */
  reload(): Promise<{ index: { manifest: Manifest } }>;
}

export interface AdminBackend {
  stores: Stores;
  jobs: JobRunner;
  /** Waits briefly for a job this instance runs, then closes the stores. */
  close(): Promise<void>;
}

/**
 * Opens the stores `config.store` names and a job runner that runs `ingest`
 * and reloads `served` after each successful job.
 */
export async function createAdminBackend(
  config: Config,
  served: ServedIndex,
  log: (msg: string, err?: unknown) => void,
  ingest: Pick<IngestFunctions, "run" | "failedSummary">,
): Promise<AdminBackend> {
  const stores = await openStores(config, log);
  try {
    const jobs = await createJobRunner({
      config,
      served: () => served.current().index.manifest,
      reload: async () => (await served.reload()).index.manifest,
      ingest,
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

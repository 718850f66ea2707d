/**
 * Runs an ingest in a worker thread. A re-ingest job of the admin side runs
 * while the same process answers questions: parsing, chunking, embedding,
 * building the lexical index and the HNSW graph and serialising the new
 * version are seconds of synchronous work that, on the server's event loop,
 * held requests for up to 5 s during a full re-index of the routine library
 * (issue 15). In a worker they run beside the event loop; only the progress
 * messages and the summary cross over. The outcome is the same as calling
 * `runIngest` in process: the same summary, and an `IngestFailedError`
 * carrying its summary when the run fails that way.
 */
import { Worker } from "node:worker_threads";
import { IngestFailedError, type IngestOptions, type IngestSummary } from "./pipeline.js";
import type { WorkerInput, WorkerMessage } from "./worker-protocol.js";

const ENTRY = new URL("./worker-entry.mjs", import.meta.url);

export type WorkerIngestOptions = WorkerInput & Pick<IngestOptions, "onProgress">;

export function runIngestInWorker(options: WorkerIngestOptions): Promise<IngestSummary> {
  const { onProgress, ...input } = options;
  return new Promise<IngestSummary>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    const worker = new Worker(ENTRY, { workerData: input satisfies WorkerInput });
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "progress") onProgress?.(m.progress);
      else if (m.type === "done") settle(() => resolve(m.summary));
      else
        settle(() => {
          const err = m.summary ? new IngestFailedError(m.message, m.summary) : new Error(m.message);
          if (m.stack) err.stack = m.stack;
          reject(err);
        });
    });
    // An exception outside runIngest (the worker could not start, or ran out of memory).
    worker.on("error", (err) => settle(() => reject(new Error(`Inläsningen avbröts i arbetstråden: ${err.message}`, { cause: err }))));
    worker.on("exit", (code) => settle(() => reject(new Error(`Inläsningens arbetstråd avslutades (kod ${code}) utan resultat.`))));
  });
}

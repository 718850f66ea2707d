/**
 * The worker-thread side of `runIngestInWorker` (ingest/run-in-worker.ts):
 * runs the ordinary `runIngest` with the options it was started with and
 * reports progress and the outcome to the parent as messages. Loaded by
 * ingest/worker-entry.mjs.
 */
import { parentPort, workerData } from "node:worker_threads";
import { IngestFailedError, runIngest } from "./pipeline.js";
import type { WorkerInput, WorkerMessage } from "./worker-protocol.js";

const port = parentPort;
if (!port) throw new Error("ingest/worker-main.ts körs bara som arbetstråd (ingest/run-in-worker.ts).");
const post = (m: WorkerMessage) => port.postMessage(m);
const input = workerData as WorkerInput;

try {
  const summary = await runIngest({ ...input, onProgress: (p) => post({ type: "progress", progress: p }) });
  post({ type: "done", summary });
} catch (err) {
  post({
    type: "failed",
    message: err instanceof Error ? err.message : String(err),
    stack: err instanceof Error ? err.stack : undefined,
    summary: err instanceof IngestFailedError ? err.summary : null,
  });
}

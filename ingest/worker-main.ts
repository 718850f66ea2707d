/**
 * The worker-thread side of `runIngestInWorker` (ingest/run-in-worker.ts):
 * runs the ordinary `runIngest` with the options it was started with and
 * reports progress and the outcome to the parent as messages. Loaded by
 * ingest/worker-entry.mjs.
 */
import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { IngestFailedError, runIngest } from "./pipeline.js";
import type { WorkerInput, WorkerMessage } from "./worker-protocol.js";

const port = parentPort;
if (!port) throw new Error("ingest/worker-main.ts körs bara som arbetstråd (ingest/run-in-worker.ts).");
const post = (m: WorkerMessage) => port.postMessage(m);
const input = workerData as WorkerInput;

/**
 * The ingest is a background job: on a busy machine the threads that answer
 * questions should get the CPU first. On Linux the nice value is per thread,
 * so this lowers only this worker thread, not the server's event loop
 * (checked in /proc/self/task/<tid>/stat). Lowering is always allowed;
 * where it is not supported the job simply runs at normal priority.
 */
const INGEST_THREAD_NICE = 10;
try {
  os.setPriority(INGEST_THREAD_NICE);
} catch {
  // Not supported here: run at normal priority.
}

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

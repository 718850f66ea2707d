/** Messages between `runIngestInWorker` and its worker thread (both sides import these types). */
import type { IngestOptions, IngestProgress, IngestSummary } from "./pipeline.js";

/** What the worker is started with: the options that survive a structured clone (no callbacks, no output object). */
export type WorkerInput = Pick<IngestOptions, "corpusDir" | "indexDir" | "config" | "strict" | "reparse">;

export type WorkerMessage =
  | { type: "progress"; progress: IngestProgress }
  | { type: "done"; summary: IngestSummary }
  /** `summary` is set when the run failed as an IngestFailedError (nothing ingested, or a file failed under --strict). */
  | { type: "failed"; message: string; stack: string | undefined; summary: IngestSummary | null };

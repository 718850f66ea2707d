/**
 * The ingest functions the admin side runs (re-ingest jobs, upload checks,
 * sidecars), in one object that the composition root (src/main.ts) hands to
 * the job runner and the admin routes; src/admin/ingest-functions.ts declares
 * the shape, so src/admin and src/server never import ingest/.
 */
import { discoverFiles, readSidecar } from "./discover.js";
import { parseFile } from "./parse/index.js";
import { normalizeMetadata } from "./parse/metadata.js";
import { IngestFailedError } from "./pipeline.js";
import { runIngestInWorker } from "./run-in-worker.js";

export const ingestFunctions = {
  // In a worker thread: the server keeps answering while a job ingests (issue 15).
  run: runIngestInWorker,
  failedSummary: (err: unknown) => (err instanceof IngestFailedError ? err.summary : null),
  discover: discoverFiles,
  parse: parseFile,
  readSidecar,
  normalizeMetadata,
};

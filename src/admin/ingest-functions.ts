/**
 * What the admin side uses of the ingest pipeline, declared here so that
 * src/admin and src/server never import ingest/: the composition root
 * (src/main.ts) hands over ingest/'s functions (`ingestFunctions` in
 * ingest/index.ts), and tests may hand over their own.
 */
import type { Config } from "../config/env.js";
import type { DiscoveredFile } from "../core/corpus-folder.js";
import type { DocumentMetadata, ParsedFile } from "../core/schemas.js";

/** One ingest run as a job starts it (ingest/pipeline.ts `IngestOptions`). */
export interface IngestRunOptions {
  corpusDir: string;
  indexDir: string;
  config: Config;
  /** Sources parsed again even when unchanged (e.g. a sidecar field was removed), or "all". */
  reparse?: ReadonlySet<string> | "all";
  onProgress?: (p: { done: number; total: number; current: string }) => void;
}

/** What a job records of a run (ingest/pipeline.ts `IngestSummary`). */
export interface IngestRunSummary {
  version: string;
  documents: number;
  chunks: number;
  failed: number;
  seconds: number;
  results: { source: string; status: "ingested" | "unchanged" | "failed"; chunks: number; warnings: string[]; error?: { message: string } }[];
}

export interface IngestFunctions {
  /** Builds (or incrementally rebuilds) the index of a corpus folder and publishes it. */
  run: (options: IngestRunOptions) => Promise<IngestRunSummary>;
  /** The summary a failed run carries (nothing ingested, or a failed file under --strict), or null for any other error. */
  failedSummary: (err: unknown) => IngestRunSummary | null;
  /** Every document under a corpus folder, sorted by source. */
  discover: (corpusDir: string) => Promise<DiscoveredFile[]>;
  /** Parses one file the way an ingest would, so an upload is refused with its reason before the corpus changes. */
  parse: (bytes: Uint8Array, fileName: string, options: { maxBytes?: number }) => Promise<ParsedFile>;
  /** Reads and validates a `<file>.meta.yml` sidecar. */
  readSidecar: (path: string) => Promise<DocumentMetadata>;
  /** Validates raw key/values (Swedish aliases accepted) as document metadata. */
  normalizeMetadata: (raw: unknown, source: string) => DocumentMetadata;
}

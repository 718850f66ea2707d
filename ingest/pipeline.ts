/**
 * The ingest pipeline, wired top to bottom:
 * discover → for each file: parse → sections → chunk → embed (build-document.ts)
 * → analyse and publish the index version (publish-index.ts, atomic).
 * A file that cannot be parsed is reported and skipped; the index is built
 * from the rest. Unchanged files (same sha256 as in the current index) reuse
 * their chunks and vectors instead of being parsed and embedded again.
 */
import type { Config } from "../src/config/env.js";
import { createEmbedder } from "../src/models/embedder.js";
import { analyzerVersionFor } from "../src/text/index-terms.js";
import { documentBuilder, type BuiltDocument } from "./build-document.js";
import { discoverFiles } from "./discover.js";
import type { DocumentBuild } from "./document-build.js";
import { indexOutputFor, type IndexOutput } from "./index-output.js";
import { newVersionId, publishIndex } from "./publish-index.js";

export { embeddingText } from "./build-document.js";

type FileStatus = "ingested" | "unchanged" | "failed";

interface FileResult {
  source: string;
  status: FileStatus;
  documentId?: string;
  title?: string;
  pages: number | null;
  chunks: number;
  warnings: string[];
  error?: { code: string; message: string };
}

export interface IngestSummary {
  indexDir: string;
  version: string;
  documents: number;
  pages: number;
  chunks: number;
  warnings: number;
  failed: number;
  seconds: number;
  results: FileResult[];
}

export interface IngestProgress {
  done: number;
  total: number;
  current: string;
}

export interface IngestOptions {
  corpusDir: string;
  indexDir: string;
  config: Config;
  onProgress?: (p: IngestProgress) => void;
  /** Any failed file makes the whole run fail (nothing is published). */
  strict?: boolean;
  /** Sources parsed again even when unchanged (e.g. a sidecar field was removed), or "all". */
  reparse?: ReadonlySet<string> | "all";
  /** Where to publish; default from `config.store` (the index dir, or PostgreSQL with STORE=postgres). */
  output?: IndexOutput;
}

/** Thrown when nothing could be ingested, or a file failed under --strict; the current index stays as it was. */
export class IngestFailedError extends Error {
  readonly summary: IngestSummary;
  constructor(message: string, summary: IngestSummary) {
    super(message);
    this.name = "IngestFailedError";
    this.summary = summary;
  }
}

/** Build (or incrementally rebuild) the index of `corpusDir` into `indexDir`. */
export async function runIngest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { corpusDir, indexDir, config } = options;
  const embedder = await createEmbedder(config.embeddings);
  const expected = { embedder: embedder.descriptor, analyzer: analyzerVersionFor(config) };
  const output = options.output ?? indexOutputFor(config, indexDir);
  const previous = await output.previous(embedder.embeddings, expected);

  const files = await discoverFiles(corpusDir);
  const buildDocument = documentBuilder({ config, embeddings: embedder.embeddings, previous, reparse: options.reparse, ingestedAt: new Date().toISOString() });
  const results: FileResult[] = [];
  const builds: DocumentBuild[] = [];
  for (const [i, file] of files.entries()) {
    options.onProgress?.({ done: i, total: files.length, current: file.source });
    try {
      const built = await buildDocument(file);
      builds.push(built.build);
      results.push(builtResult(file.source, built));
    } catch (err) {
      results.push(failedResult(file.source, err));
    }
  }
  options.onProgress?.({ done: files.length, total: files.length, current: "" });

  const summary = summaryOf(indexDir, newVersionId(), builds, results);
  const refuse = (message: string) => {
    summary.seconds = (performance.now() - started) / 1000;
    return new IngestFailedError(message, summary);
  };
  if (builds.length === 0) {
    throw refuse(`Inga dokument kunde läsas in från ${corpusDir} (${files.length} filer hittades, ${summary.failed} misslyckades).`);
  }
  if (options.strict && summary.failed > 0) {
    throw refuse(`${summary.failed} fil(er) kunde inte läsas in och --strict är satt; indexet har inte ändrats.`);
  }

  await publishIndex(output, builds, { version: summary.version, corpusDir, config, embedder, analyzer: expected.analyzer, pages: summary.pages });
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

function builtResult(source: string, { status, build }: BuiltDocument): FileResult {
  const { record } = build;
  return { source, status, documentId: record.id, title: record.title, pages: record.pages, chunks: build.chunks.length, warnings: record.warnings };
}

function failedResult(source: string, err: unknown): FileResult {
  const code = (err as { code?: unknown }).code;
  return {
    source,
    status: "failed",
    pages: null,
    chunks: 0,
    warnings: [],
    error: { code: typeof code === "string" ? code : "error", message: err instanceof Error ? err.message : String(err) },
  };
}

/** `seconds` is set when the run ends. */
function summaryOf(indexDir: string, version: string, builds: DocumentBuild[], results: FileResult[]): IngestSummary {
  return {
    indexDir,
    version,
    documents: builds.length,
    pages: builds.reduce((n, b) => n + (b.record.pages ?? 0), 0),
    chunks: builds.reduce((n, b) => n + b.chunks.length, 0),
    warnings: builds.reduce((n, b) => n + b.record.warnings.length, 0),
    failed: results.filter((r) => r.status === "failed").length,
    seconds: 0,
    results,
  };
}

/**
 * The in-process provider: builds or reuses an index of the corpus, then asks
 * the same answer service the server uses. All imports of the query and ingest
 * pipelines live here, loaded lazily, so HTTP-mode runs never load them.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Config } from "../src/config/env.js";
import type { Manifest } from "../src/core/index-store.js";
import { sha256 } from "../src/core/ids.js";
import type { AnswerProvider } from "./providers.js";

export interface InProcessOptions {
  corpusDir: string;
  indexDir: string;
  /** Base configuration; corpusDir and indexDir are overridden. Default: loadConfig(). */
  config?: Config;
  onIngestProgress?: (p: { done: number; total: number; current: string }) => void;
}

export interface InProcessProvider extends AnswerProvider {
  /** "reused" when a valid index of the same corpus content was found. */
  readonly indexStatus: "reused" | "built";
}

/**
 * True when `indexDir` holds an index whose documents are exactly the corpus
 * files, byte for byte (same relative paths, same sha256).
 */
async function indexMatchesCorpus(indexDir: string, corpusDir: string): Promise<boolean> {
  const { indexExists, readManifest } = await import("../src/core/index-store.js");
  const { discoverFiles } = await import("../ingest/discover.js");
  if (!indexExists(indexDir)) return false;
  let manifest: Manifest;
  try {
    manifest = await readManifest(indexDir);
  } catch {
    return false;
  }
  const files = await discoverFiles(corpusDir);
  if (files.length !== manifest.documents.length) return false;
  const bySource = new Map(manifest.documents.map((d) => [d.source, d.sha256]));
  for (const file of files) {
    const expected = bySource.get(file.source);
    if (expected === undefined || expected !== sha256(await fs.readFile(file.path))) return false;
  }
  return true;
}

/** Secrets never go into a report. */
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, /key|token|secret|password/i.test(k) ? (v ? "[redacted]" : v) : redact(v)]),
    );
  }
  return value;
}

/** Builds (or reuses) the index of `corpusDir` in `indexDir` and returns a provider answering in process. */
export async function createInProcessProvider(options: InProcessOptions): Promise<InProcessProvider> {
  const { loadConfig } = await import("../src/config/env.js");
  const { runIngest } = await import("../ingest/pipeline.js");
  const { openAnswerService } = await import("../src/lifecycle/open-answer-service.js");

  const corpusDir = path.resolve(options.corpusDir);
  const indexDir = path.resolve(options.indexDir);
  const config: Config = { ...(options.config ?? loadConfig()), corpusDir, indexDir };

  if (config.llm.provider !== "none") {
    // Generative mode: a model that is down would silently turn the run into an extractive one.
    const { checkChatModel } = await import("../src/models/check-model.js");
    await checkChatModel(config.llm);
  }
  const reuse = await indexMatchesCorpus(indexDir, corpusDir);
  if (!reuse) {
    await runIngest({
      corpusDir,
      indexDir,
      config,
      ...(options.onIngestProgress ? { onProgress: options.onIngestProgress } : {}),
    });
  }
  // The same factory the server uses, so eval answers exactly as production does.
  const { IndexMismatchError } = await import("../src/core/errors.js");
  let service;
  try {
    service = await openAnswerService(config, indexDir);
  } catch (err) {
    // Same corpus, but built with another analyzer or embedder: rebuild rather than fail.
    if (!(err instanceof IndexMismatchError)) throw err;
    await runIngest({ corpusDir, indexDir, config, ...(options.onIngestProgress ? { onProgress: options.onIngestProgress } : {}) });
    service = await openAnswerService(config, indexDir);
  }
  const index = service.index;

  return {
    mode: "in-process",
    indexStatus: reuse ? "reused" : "built",
    indexManifest: index.manifest,
    settings: { indexStatus: reuse ? "reused" : "built", config: redact(config) as Record<string, unknown> },
    ask: (request) => service.ask(request),
    async getChunk(chunkId) {
      const chunk = index.getChunk(chunkId);
      return chunk ? { source: chunk.source, text: chunk.text } : null;
    },
    async close() {
      // With STORE=postgres and database search the service holds a connection pool.
      await service.close?.();
    },
  };
}

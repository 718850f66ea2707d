/**
 * The ingest pipeline, wired top to bottom:
 * discover → parse → sections → chunk → analyse + embed → write index (atomic).
 * A file that cannot be parsed is reported and skipped; the index is built
 * from the rest. Unchanged files (same sha256 as in the current index) reuse
 * their chunks and vectors instead of being parsed and embedded again.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Config } from "../src/config/env.js";
import { tuning } from "../src/config/tuning.js";
import { documentIdFor, sha256 } from "../src/core/ids.js";
import { INDEX_SCHEMA_VERSION, type LoadedIndex, type Manifest } from "../src/core/index-store.js";
import { LexicalIndex } from "../src/core/lexical-index.js";
import type { Chunk, DocumentMetadata, DocumentRecord, ParsedDocument } from "../src/core/schemas.js";
import { createEmbedder } from "../src/models/embedder.js";
import { analyzeChunkFields, analyzerVersionFor, textFeatures } from "../src/text/index-terms.js";
import { collectVocabulary, createTextContext } from "../src/text/index.js";
import { discoverFiles, readSidecar } from "./discover.js";
import { applyOcr } from "./ocr.js";
import { parseFile } from "./parse/index.js";
import { buildSections } from "./sections.js";
import { chunkDocument } from "./chunk.js";
import { controlMetadata, extractControlBlock } from "./control-block.js";
import { indexOutputFor, type IndexOutput } from "./index-output.js";

/** The municipality's own glossary in the corpus folder (see src/text/glossary.ts). */
export const GLOSSARY_FILE = "ordlista.yml";

export type FileStatus = "ingested" | "unchanged" | "failed";

export interface FileResult {
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

interface DocumentBuild {
  record: DocumentRecord;
  text: string;
  chunks: Chunk[];
  vectors: number[][];
  original: { path: string; ext: string };
}

function collectionOf(source: string, metadata: DocumentMetadata): string {
  if (metadata.collection) return metadata.collection;
  const parts = source.split("/");
  return parts.length > 1 ? parts[0]! : "allmänt";
}

function titleFromFileName(source: string): string {
  const base = path.basename(source, path.extname(source)).replace(/[-_]+/g, " ").trim();
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/** Build (or incrementally rebuild) the index of `corpusDir` into `indexDir`. */
export async function runIngest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { corpusDir, indexDir, config } = options;
  const embedder = await createEmbedder(config.embeddings);
  const expected = { embedder: embedder.descriptor, analyzer: analyzerVersionFor(config) };
  const output = options.output ?? indexOutputFor(config, indexDir);
  const previous = await output.previous(embedder.embeddings, expected);
  const previousBySha = new Map<string, DocumentRecord>();
  for (const d of previous?.manifest.documents ?? []) previousBySha.set(`${d.source}\u0000${d.sha256}`, d);

  const files = await discoverFiles(corpusDir);
  const results: FileResult[] = [];
  const builds: DocumentBuild[] = [];
  const ingestedAt = new Date().toISOString();

  for (const [i, file] of files.entries()) {
    options.onProgress?.({ done: i, total: files.length, current: file.source });
    try {
      const bytes = await fs.readFile(file.path);
      const hash = sha256(bytes);
      const sidecar = file.sidecarPath ? await readSidecar(file.sidecarPath) : {};
      const forced = options.reparse === "all" || options.reparse?.has(file.source) === true;
      const reused = previous && !forced ? reuseDocument(previous, previousBySha.get(`${file.source}\u0000${hash}`), sidecar) : null;
      if (reused) {
        builds.push({ ...reused, original: { path: file.path, ext: file.ext } });
        results.push({ source: file.source, status: "unchanged", documentId: reused.record.id, title: reused.record.title, pages: reused.record.pages, chunks: reused.chunks.length, warnings: reused.record.warnings });
        continue;
      }
      const parsedFile = await parseFile(bytes, file.source);
      // Scanned PDF pages have no text layer; OCR reads them when tesseract is installed.
      const parsed = config.ocr.enabled ? await applyOcr(parsedFile, bytes, { language: config.ocr.language }) : parsedFile;
      // The control block ("Dokumentet är beslutat av: …") is metadata, not content; front matter and sidecar win over it.
      const control = config.ablate.includes("control") ? { blocks: parsed.blocks, fields: {} } : extractControlBlock(parsed.blocks);
      const metadata: DocumentMetadata = { ...controlMetadata(control.fields), ...parsed.metadata, ...sidecar };
      const id = documentIdFor(file.source);
      const { text, sections } = buildSections(control.blocks);
      const warnings = [...parsed.warnings];
      if (text.trim() === "") warnings.push("Dokumentet innehåller ingen text som kunde läsas ut.");
      const doc: ParsedDocument = {
        id,
        source: file.source,
        title: metadata.title ?? parsed.title ?? titleFromFileName(file.source),
        format: parsed.format,
        pages: parsed.pages,
        text,
        sections,
        warnings,
        metadata: { ...metadata, collection: collectionOf(file.source, metadata) },
        sha256: hash,
      };
      const chunks = chunkDocument(doc);
      const vectors = chunks.length > 0 ? await embedder.embeddings.embedDocuments(chunks.map(embeddingText)) : [];
      const record: DocumentRecord = {
        id,
        source: doc.source,
        title: doc.title,
        format: doc.format,
        pages: doc.pages,
        chunks: chunks.length,
        sha256: hash,
        warnings,
        metadata: doc.metadata,
        ingestedAt,
      };
      builds.push({ record, text, chunks, vectors, original: { path: file.path, ext: file.ext } });
      results.push({ source: file.source, status: "ingested", documentId: id, title: doc.title, pages: doc.pages, chunks: chunks.length, warnings });
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      results.push({
        source: file.source,
        status: "failed",
        pages: null,
        chunks: 0,
        warnings: [],
        error: { code: typeof code === "string" ? code : "error", message: err instanceof Error ? err.message : String(err) },
      });
    }
  }
  options.onProgress?.({ done: files.length, total: files.length, current: "" });

  const chunks = builds.flatMap((b) => b.chunks);
  // Time first so versions sort by age; the random part keeps two instances (both pid 1 in
  // containers) publishing in the same millisecond apart.
  const version = `${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const failed = results.filter((r) => r.status === "failed").length;
  const summary: IngestSummary = {
    indexDir,
    version,
    documents: builds.length,
    pages: builds.reduce((n, b) => n + (b.record.pages ?? 0), 0),
    chunks: chunks.length,
    warnings: builds.reduce((n, b) => n + b.record.warnings.length, 0),
    failed,
    seconds: 0,
    results,
  };
  if (builds.length === 0) {
    summary.seconds = (performance.now() - started) / 1000;
    throw new IngestFailedError(`Inga dokument kunde läsas in från ${corpusDir} (${files.length} filer hittades, ${failed} misslyckades).`, summary);
  }
  if (options.strict && failed > 0) {
    summary.seconds = (performance.now() - started) / 1000;
    throw new IngestFailedError(`${failed} fil(er) kunde inte läsas in och --strict är satt; indexet har inte ändrats.`, summary);
  }

  const indexText = createTextContext({ features: textFeatures(config) });
  const lexical = LexicalIndex.build(chunks.map((c) => analyzeChunkFields(c, indexText)), tuning.lexical);
  const manifest: Manifest = {
    schemaVersion: INDEX_SCHEMA_VERSION,
    version,
    builtAt: new Date().toISOString(),
    corpusDir: path.resolve(corpusDir),
    embedder: embedder.descriptor,
    analyzer: expected.analyzer,
    chunking: { ...tuning.chunking },
    counts: { documents: builds.length, chunks: chunks.length, pages: summary.pages },
    documents: builds.map((b) => b.record),
  };
  await output.publish(
    {
      manifest,
      chunks,
      vectors: builds.flatMap((b) => b.vectors),
      lexical,
      documentTexts: Object.fromEntries(builds.map((b) => [b.record.id, b.text])),
      vocabulary: collectVocabulary(chunks.map((c) => `${c.title} ${c.text}`)),
      originals: Object.fromEntries(builds.map((b) => [b.record.id, b.original])),
      glossaryYaml: await fs.readFile(path.join(corpusDir, GLOSSARY_FILE), "utf8").catch(() => undefined),
    },
    embedder.embeddings,
  );
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** Text given to the embedder: the heading path and title carry meaning the body often leaves implicit. */
export function embeddingText(chunk: Chunk): string {
  return `${chunk.title}\n${chunk.headingPath.join(" > ")}\n${chunk.text}`;
}

function reuseDocument(previous: LoadedIndex, record: DocumentRecord | undefined, sidecar: DocumentMetadata): Omit<DocumentBuild, "original"> | null {
  if (!record) return null;
  const text = previous.documentText(record.id);
  if (text === undefined || !previous.vectors) return null;
  const chunks = previous.chunks.filter((c) => c.documentId === record.id);
  const vectors: number[][] = [];
  for (const c of chunks) {
    const label = previous.chunkIndex(c.id);
    if (label === undefined) return null;
    vectors.push(previous.vectors.index.getPoint(label));
  }
  const metadata = { ...record.metadata, ...sidecar };
  const title = sidecar.title ?? record.title;
  return {
    record: { ...record, title, metadata },
    text,
    chunks: chunks.map((c) => ({ ...c, title })),
    vectors,
  };
}

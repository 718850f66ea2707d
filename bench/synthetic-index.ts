/**
 * Builds an index of exactly N chunks without writing a corpus to disk:
 * generated routine documents are rendered to Markdown and go through the
 * same parse → sections → chunk → embed → analyse → LexicalIndex → writeIndex
 * path as `runIngest`, minus file I/O. Large sizes take minutes, so a built
 * index is cached under bench/results/cache and reused when its key matches.
 * Building the HNSW graph dominates (minutes at 100k chunks) and does not
 * depend on the Swedish analyzer, so the vector files are cached apart and
 * reused when only the analyzer or lexical settings changed.
 */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { embeddingText } from "../ingest/pipeline.js";
import { parseFile } from "../ingest/parse/index.js";
import { buildSections } from "../ingest/sections.js";
import { chunkDocument } from "../ingest/chunk.js";
import type { Config } from "../src/config/env.js";
import { tuning } from "../src/config/tuning.js";
import { documentIdFor, sha256 } from "../src/core/ids.js";
import { INDEX_SCHEMA_VERSION, writeIndex, type Manifest } from "../src/core/index-store.js";
import { LexicalIndex } from "../src/core/lexical-index.js";
import type { Chunk, DocumentRecord } from "../src/core/schemas.js";
import { createEmbedder } from "../src/models/embedder.js";
import { analyzeChunkFields, analyzerVersionFor, textFeatures } from "../src/text/index-terms.js";
import { collectVocabulary, createTextContext } from "../src/text/index.js";
import { createRng, generateDocument, renderMarkdown } from "./generate-corpus.js";

/** Bump when the generator or this builder changes, so cached indexes are rebuilt. */
const GENERATOR_VERSION = "bench-gen-2";

export interface SyntheticIndexOptions {
  indexDir: string;
  chunks: number;
  seed: number;
  config: Config;
  onProgress?: (done: number, total: number, stage: string) => void;
}

export interface SyntheticIndexResult {
  indexDir: string;
  chunks: number;
  documents: number;
  cached: boolean;
  /** True when the HNSW files came from the vector cache (only the lexical side was rebuilt). */
  vectorsCached?: boolean;
  /** Seconds per build stage (empty when cached). */
  stages: Record<string, number>;
}

function vectorKey(o: SyntheticIndexOptions, embedder: string): string {
  return JSON.stringify({ v: GENERATOR_VERSION, chunks: o.chunks, seed: o.seed, embedder, chunking: tuning.chunking });
}

function cacheKey(o: SyntheticIndexOptions, embedder: string, analyzer: string): string {
  return JSON.stringify({ vectors: vectorKey(o, embedder), analyzer, lexical: tuning.lexical });
}

/** Build (or reuse) a synthetic index of exactly `chunks` chunks at `indexDir`. */
export async function buildSyntheticIndex(o: SyntheticIndexOptions): Promise<SyntheticIndexResult> {
  const embedder = await createEmbedder(o.config.embeddings);
  const analyzer = analyzerVersionFor(o.config);
  const key = cacheKey(o, JSON.stringify(embedder.descriptor), analyzer);
  const keyFile = `${path.resolve(o.indexDir)}.bench-key`;
  const vectorCache = `${path.resolve(o.indexDir)}.vectors-cache`;
  if (existsSync(path.join(o.indexDir, "manifest.json")) && (await fs.readFile(keyFile, "utf8").catch(() => "")) === key) {
    const manifest = JSON.parse(await fs.readFile(path.join(o.indexDir, "manifest.json"), "utf8")) as Manifest;
    return { indexDir: o.indexDir, chunks: manifest.counts.chunks, documents: manifest.counts.documents, cached: true, stages: {} };
  }
  const stages: Record<string, number> = {};
  const time = async <T>(stage: string, fn: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    const out = await fn();
    stages[stage] = (stages[stage] ?? 0) + (performance.now() - t) / 1000;
    return out;
  };

  const rng = createRng(o.seed);
  const chunks: Chunk[] = [];
  const records: DocumentRecord[] = [];
  const texts: Record<string, string> = {};
  const ingestedAt = new Date().toISOString();
  for (let n = 0; chunks.length < o.chunks; n++) {
    const doc = generateDocument(rng, n, "md", rng.next() < 0.5);
    const markdown = renderMarkdown(doc);
    const source = doc.meta.output;
    const parsed = await time("parse", () => parseFile(Buffer.from(markdown), source));
    const { text, sections } = await time("sections+chunk", () => buildSections(parsed.blocks));
    const id = documentIdFor(source);
    const metadata = { ...parsed.metadata, collection: doc.meta.collection };
    const docChunks = await time("sections+chunk", () =>
      chunkDocument({ id, source, title: doc.meta.title, format: "markdown", pages: null, text, sections, warnings: [], metadata, sha256: sha256(markdown) }),
    );
    const kept = docChunks.slice(0, o.chunks - chunks.length);
    chunks.push(...kept);
    texts[id] = text;
    records.push({ id, source, title: doc.meta.title, format: "markdown", pages: null, chunks: kept.length, sha256: sha256(markdown), warnings: [], metadata, ingestedAt });
    if (n % 200 === 0) o.onProgress?.(chunks.length, o.chunks, "chunk");
  }

  // Vectors are reused only for exactly the same chunks (ids and embedded text).
  const contentHash = sha256(chunks.map((c) => `${c.id}\u0000${embeddingText(c)}`).join("\u0001"));
  const vKey = `${vectorKey(o, JSON.stringify(embedder.descriptor))}#${contentHash}`;
  const vectorsCached = (await fs.readFile(path.join(vectorCache, "bench-key"), "utf8").catch(() => "")) === vKey;
  const vectors: number[][] = [];
  if (!vectorsCached) await time("embed", async () => {
    const batch = 1000;
    for (let i = 0; i < chunks.length; i += batch) {
      vectors.push(...(await embedder.embeddings.embedDocuments(chunks.slice(i, i + batch).map(embeddingText))));
      o.onProgress?.(i + batch, chunks.length, "embed");
    }
  });
  const indexText = createTextContext({ features: textFeatures(o.config) });
  const lexical = await time("analyse+lexical", () => LexicalIndex.build(chunks.map((c) => analyzeChunkFields(c, indexText)), tuning.lexical));
  o.onProgress?.(chunks.length, chunks.length, "hnsw+write");
  const manifest: Manifest = {
    schemaVersion: INDEX_SCHEMA_VERSION,
    version: `bench-${o.chunks}-${Date.now()}`,
    builtAt: new Date().toISOString(),
    corpusDir: "(syntetisk)",
    embedder: embedder.descriptor,
    analyzer,
    chunking: { ...tuning.chunking },
    counts: { documents: records.length, chunks: chunks.length, pages: 0 },
    documents: records,
  };
  const version = await time("hnsw+write", () => writeIndex(o.indexDir, { manifest, chunks, vectors, lexical, documentTexts: texts, originals: {}, vocabulary: collectVocabulary(chunks.map((c) => `${c.title} ${c.text}`)) }, embedder.embeddings));
  if (vectorsCached) {
    await fs.cp(vectorCache, path.join(version, "vectors"), { recursive: true });
  } else {
    await fs.rm(vectorCache, { recursive: true, force: true });
    await fs.cp(path.join(version, "vectors"), vectorCache, { recursive: true });
    await fs.writeFile(path.join(vectorCache, "bench-key"), vKey);
  }
  await fs.writeFile(keyFile, key);
  return { indexDir: o.indexDir, chunks: chunks.length, documents: records.length, cached: false, vectorsCached, stages };
}

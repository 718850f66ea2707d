/**
 * One corpus file into what it contributes to the index: taken over from
 * the previous version when unchanged, otherwise parsed, cut into chunks and
 * embedded.
 */
import fs from "node:fs/promises";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Config } from "../src/config/env.js";
import type { DiscoveredFile } from "../src/core/corpus-folder.js";
import { sha256 } from "../src/core/ids.js";
import type { LoadedIndex } from "../src/core/index-store.js";
import type { Chunk, DocumentRecord, ParsedDocument } from "../src/core/schemas.js";
import { chunkDocument } from "./chunk.js";
import { readSidecar } from "./discover.js";
import type { DocumentBuild } from "./document-build.js";
import { parseDocument } from "./parse-document.js";
import { previousDocuments } from "./reuse-document.js";

export interface BuiltDocument {
  status: "ingested" | "unchanged";
  build: DocumentBuild;
}

export interface DocumentBuilderOptions {
  config: Config;
  embeddings: EmbeddingsInterface;
  /** The current version, to take unchanged documents from. */
  previous: LoadedIndex | null;
  /** Sources parsed again even when unchanged, or "all". */
  reparse: ReadonlySet<string> | "all" | undefined;
  /** Recorded on every document built in this run. */
  ingestedAt: string;
}

/** Builds the corpus's documents one at a time; a file that cannot be read, parsed or embedded throws. */
export function documentBuilder(options: DocumentBuilderOptions): (file: DiscoveredFile) => Promise<BuiltDocument> {
  const { config, embeddings, ingestedAt } = options;
  const reusable = previousDocuments(options.previous, options.reparse);
  return async (file) => {
    const bytes = await fs.readFile(file.path);
    const hash = sha256(bytes);
    const sidecar = file.sidecarPath ? await readSidecar(file.sidecarPath) : {};
    const original = { path: file.path, ext: file.ext };
    const reused = reusable(file.source, hash, sidecar);
    if (reused) return { status: "unchanged", build: { ...reused, original } };
    const doc = await parseDocument(file.source, bytes, hash, sidecar, config);
    const chunks = chunkDocument(doc);
    const vectors = chunks.length > 0 ? await embeddings.embedDocuments(chunks.map(embeddingText)) : [];
    return { status: "ingested", build: { record: recordOf(doc, chunks, ingestedAt), text: doc.text, chunks, vectors, original } };
  };
}

/** Text given to the embedder: the heading path and title carry meaning the body often leaves implicit. */
export function embeddingText(chunk: Chunk): string {
  return `${chunk.title}\n${chunk.headingPath.join(" > ")}\n${chunk.text}`;
}

function recordOf(doc: ParsedDocument, chunks: Chunk[], ingestedAt: string): DocumentRecord {
  return {
    id: doc.id,
    source: doc.source,
    title: doc.title,
    format: doc.format,
    pages: doc.pages,
    chunks: chunks.length,
    sha256: doc.sha256,
    warnings: doc.warnings,
    metadata: doc.metadata,
    ingestedAt,
  };
}

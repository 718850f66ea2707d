/**
 * The documents of a run into one index version: the lexical index, the
 * manifest and the corpus vocabulary and glossary, published atomically
 * through the run's `IndexOutput`.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Config } from "../src/config/env.js";
import { tuning } from "../src/config/tuning.js";
import { INDEX_SCHEMA_VERSION, type Manifest } from "../src/core/index-store.js";
import { LexicalIndex } from "../src/core/lexical-index.js";
import type { Embedder } from "../src/models/embedder.js";
import { analyzeChunkFields, textFeatures } from "../src/text/index-terms.js";
import { collectVocabulary, createTextContext } from "../src/text/index.js";
import type { DocumentBuild } from "./document-build.js";
import type { IndexOutput } from "./index-output.js";

/** The municipality's own glossary in the corpus folder (see src/text/glossary.ts). */
const GLOSSARY_FILE = "ordlista.yml";

/**
 * A new version id. Time first so versions sort by age; the random part keeps two
 * instances (both pid 1 in containers) publishing in the same millisecond apart.
 */
export function newVersionId(): string {
  return `${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

export interface IndexVersion {
  version: string;
  corpusDir: string;
  config: Config;
  embedder: Embedder;
  /** The analyzer version the run's terms were made with (src/text/index-terms.ts). */
  analyzer: string;
  /** Pages of all documents, as the run's summary counts them. */
  pages: number;
}

export async function publishIndex(output: IndexOutput, builds: DocumentBuild[], v: IndexVersion): Promise<void> {
  const { corpusDir, embedder } = v;
  const chunks = builds.flatMap((b) => b.chunks);
  const indexText = createTextContext({ features: textFeatures(v.config) });
  const lexical = LexicalIndex.build(chunks.map((c) => analyzeChunkFields(c, indexText)), tuning.lexical);
  const manifest: Manifest = {
    schemaVersion: INDEX_SCHEMA_VERSION,
    version: v.version,
    builtAt: new Date().toISOString(),
    corpusDir: path.resolve(corpusDir),
    embedder: embedder.descriptor,
    analyzer: v.analyzer,
    chunking: { ...tuning.chunking },
    counts: { documents: builds.length, chunks: chunks.length, pages: v.pages },
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
}

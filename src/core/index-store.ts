/**
 * The index directory: a manifest plus chunk, document, lexical and vector
 * files. `indexDir` is a symlink to one immutable version directory beside it
 * (`<indexDir>.versions/<version>`); publishing a new version writes it
 * completely, then swaps the symlink with a rename, which is atomic. A crash
 * mid-write leaves only an unreferenced temp directory, removed on next start.
 */
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { z } from "zod";
import { chunkSchema, documentRecordSchema, type Chunk, type DocumentRecord } from "./schemas.js";
import { IndexError, IndexMismatchError } from "./errors.js";
import { LexicalIndex } from "./lexical-index.js";

export const INDEX_SCHEMA_VERSION = 1;

const embedderDescriptorSchema = z.object({
  provider: z.string(),
  model: z.string(),
  dimensions: z.number().int(),
});
export type EmbedderDescriptor = z.infer<typeof embedderDescriptorSchema>;

export const manifestSchema = z.object({
  schemaVersion: z.literal(INDEX_SCHEMA_VERSION),
  version: z.string(),
  builtAt: z.string(),
  corpusDir: z.string(),
  embedder: embedderDescriptorSchema,
  /** Version of the Swedish text analysis; lexical terms from another version would not match. */
  analyzer: z.string(),
  chunking: z.record(z.string(), z.number()),
  counts: z.object({ documents: z.number().int(), chunks: z.number().int(), pages: z.number().int() }),
  documents: z.array(documentRecordSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Everything needed to serve queries from one index version. */
export interface LoadedIndex {
  dir: string;
  manifest: Manifest;
  chunks: Chunk[];
  vectors: HNSWLib | null;
  lexical: LexicalIndex;
  getChunk(id: string): Chunk | undefined;
  chunkIndex(id: string): number | undefined;
  getDocument(id: string): DocumentRecord | undefined;
  /** The document's full extracted text (chunks are slices of it). */
  documentText(id: string): string | undefined;
  /** Path of the stored original file, if it was kept. */
  originalPath(id: string): string | undefined;
  /** The municipality glossary stored with this version, if any. */
  glossaryPath: string | undefined;
  /** Distinct words of the chunks, when the store kept them (else derive them from `chunks`). */
  vocabulary?: string[];
}

export interface IndexContents {
  manifest: Manifest;
  chunks: Chunk[];
  vectors: number[][];
  lexical: LexicalIndex;
  documentTexts: Record<string, string>;
  /** Original files to keep with the index, by document id. */
  originals: Record<string, { path: string; ext: string }>;
  /** The municipality's glossary file (YAML) from the corpus folder, kept with the index it was built with. */
  glossaryYaml?: string;
  /** Distinct words of the chunks (typo-correction targets), so loading need not scan every chunk. */
  vocabulary?: string[];
}

const FILES = {
  manifest: "manifest.json",
  chunks: "chunks.json",
  texts: "texts.json",
  lexical: "lexical.json",
  vectors: "vectors",
  originals: "originals",
  glossary: "ordlista.yml",
  vocabulary: "vocabulary.json",
} as const;

function versionsDir(indexDir: string): string {
  return `${path.resolve(indexDir)}.versions`;
}

/** Throws when the manifest's embedder or analyzer differs from what the running config would use. */
export function assertCompatible(manifest: Manifest, expected: { embedder: EmbedderDescriptor; analyzer: string }): void {
  const e = expected.embedder;
  const m = manifest.embedder;
  if (m.provider !== e.provider) throw new IndexMismatchError("EMBEDDINGS_PROVIDER", m.provider, e.provider);
  if (m.model !== e.model) throw new IndexMismatchError("EMBEDDINGS_MODEL", m.model, e.model);
  if (m.dimensions !== e.dimensions) throw new IndexMismatchError("EMBEDDINGS_DIMENSIONS", String(m.dimensions), String(e.dimensions));
  if (manifest.analyzer !== expected.analyzer) throw new IndexMismatchError("analyzer", manifest.analyzer, expected.analyzer);
}

/** True when `indexDir` points at a complete index. */
export function indexExists(indexDir: string): boolean {
  return existsSync(path.join(indexDir, FILES.manifest));
}

export async function readManifest(indexDir: string): Promise<Manifest> {
  const file = path.join(indexDir, FILES.manifest);
  let raw: string;
  try {
    raw = await fs.readFile(file, "utf8");
  } catch (cause) {
    throw new IndexError(`Inget index i ${indexDir} (saknar ${FILES.manifest}). Kör npm run ingest först.`, { cause });
  }
  const parsed = manifestSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new IndexError(`Ogiltigt manifest i ${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

/**
 * Write a complete index version, then atomically point `indexDir` at it.
 * Returns the version directory.
 */
export async function writeIndex(indexDir: string, contents: IndexContents, embeddings: EmbeddingsInterface): Promise<string> {
  const root = versionsDir(indexDir);
  await fs.mkdir(root, { recursive: true });
  const version = contents.manifest.version;
  const tmp = path.join(root, `.tmp-${version}-${process.pid}`);
  const final = path.join(root, version);
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.mkdir(tmp, { recursive: true });

  await fs.writeFile(path.join(tmp, FILES.chunks), JSON.stringify(contents.chunks));
  await fs.writeFile(path.join(tmp, FILES.texts), JSON.stringify(contents.documentTexts));
  await fs.writeFile(path.join(tmp, FILES.lexical), JSON.stringify(contents.lexical.toJSON()));
  if (contents.vectors.length > 0) {
    const store = new HNSWLib(embeddings, { space: "cosine", numDimensions: contents.vectors[0]!.length });
    // The docstore keeps only the chunk id: chunk text lives once, in chunks.json.
    await store.addVectors(
      contents.vectors,
      contents.chunks.map((c) => ({ pageContent: "", metadata: { chunkId: c.id } })),
    );
    await store.save(path.join(tmp, FILES.vectors));
  }
  await fs.mkdir(path.join(tmp, FILES.originals));
  for (const [id, file] of Object.entries(contents.originals)) {
    await fs.copyFile(file.path, path.join(tmp, FILES.originals, `${id}${file.ext}`));
  }
  if (contents.glossaryYaml !== undefined) await fs.writeFile(path.join(tmp, FILES.glossary), contents.glossaryYaml);
  if (contents.vocabulary !== undefined) await fs.writeFile(path.join(tmp, FILES.vocabulary), JSON.stringify(contents.vocabulary));
  // The manifest is written last: a directory without one is never loaded.
  await fs.writeFile(path.join(tmp, FILES.manifest), JSON.stringify(contents.manifest, null, 2));
  await fs.rename(tmp, final);
  // The version served until now is kept whatever its age, so "restore previous" always has it.
  const before = await fs.realpath(indexDir).catch(() => undefined);
  await pointAt(indexDir, final);
  await pruneVersions(indexDir, 2, before);
  return final;
}

/** Atomically replace the `indexDir` symlink (rename over it). */
async function pointAt(indexDir: string, target: string): Promise<void> {
  const link = path.resolve(indexDir);
  await fs.mkdir(path.dirname(link), { recursive: true });
  const stat = await fs.lstat(link).catch(() => null);
  if (stat && !stat.isSymbolicLink()) {
    // An index directory from an older layout: keep it as a version rather than delete data.
    await fs.rename(link, path.join(versionsDir(indexDir), `legacy-${Date.now()}`));
  }
  const tmpLink = `${link}.link-${process.pid}`;
  await fs.rm(tmpLink, { force: true });
  await fs.symlink(path.relative(path.dirname(link), target), tmpLink);
  await fs.rename(tmpLink, link);
}

/**
 * Remove temp dirs of interrupted builds and all versions but `keep` (at
 * least 2 are kept, so there is always a previous version to restore): the
 * current one, then `alsoKeep` (the version that was current before a
 * publish), then the newest others.
 */
export async function pruneVersions(indexDir: string, keep: number, alsoKeep?: string): Promise<void> {
  const root = versionsDir(indexDir);
  const entries = await fs.readdir(root).catch(() => [] as string[]);
  const current = await fs.realpath(indexDir).catch(() => "");
  for (const e of entries) {
    if (e.startsWith(".tmp-")) {
      const pid = Number(e.split("-").pop());
      if (pid !== process.pid) await fs.rm(path.join(root, e), { recursive: true, force: true });
    }
  }
  const versions = entries.filter((e) => !e.startsWith(".")).map((e) => path.join(root, e)).sort().reverse();
  const priority = (dir: string) => (dir === current ? 0 : dir === alsoKeep ? 1 : 2);
  // Stable sort: within a priority, newest first.
  const kept = new Set([...versions].sort((a, b) => priority(a) - priority(b)).slice(0, Math.max(2, keep)));
  for (const dir of versions) {
    if (!kept.has(dir) && dir !== current) await fs.rm(dir, { recursive: true, force: true });
  }
  const link = path.resolve(indexDir);
  for (const e of await fs.readdir(path.dirname(link)).catch(() => [] as string[])) {
    if (e.startsWith(`${path.basename(link)}.link-`)) await fs.rm(path.join(path.dirname(link), e), { force: true });
  }
}

/** One stored index version: its directory and what its manifest says. */
export interface StoredVersion {
  dir: string;
  version: string;
  builtAt: string;
  documents: number;
  corpusDir: string;
}

async function storedVersion(dir: string): Promise<StoredVersion | null> {
  const manifest = await readManifest(dir).catch(() => null);
  if (!manifest) return null;
  return { dir, version: manifest.version, builtAt: manifest.builtAt, documents: manifest.counts.documents, corpusDir: manifest.corpusDir };
}

/**
 * The current version and the one "restore previous" would switch to: the
 * newest complete version other than the current one (pruning keeps the
 * version that was current before the last publish, so that is it).
 */
export async function indexVersions(indexDir: string): Promise<{ current: StoredVersion | null; previous: StoredVersion | null }> {
  const currentDir = await fs.realpath(indexDir).catch(() => null);
  const current = currentDir ? await storedVersion(currentDir) : null;
  const root = versionsDir(indexDir);
  const others = (await fs.readdir(root).catch(() => [] as string[]))
    .filter((e) => !e.startsWith("."))
    .map((e) => path.join(root, e))
    .filter((dir) => dir !== currentDir)
    .sort()
    .reverse();
  for (const dir of others) {
    const v = await storedVersion(dir);
    if (v) return { current, previous: v };
  }
  return { current, previous: null };
}

/** Points `indexDir` at the stored version directory `dir` (atomic symlink swap, like a publish). */
export async function switchToVersion(indexDir: string, dir: string): Promise<void> {
  const root = versionsDir(indexDir);
  if (path.dirname(path.resolve(dir)) !== root || !indexExists(dir)) throw new IndexError(`${dir} är ingen fullständig indexversion i ${root}.`);
  await pointAt(indexDir, path.resolve(dir));
}

/**
 * Load the version `indexDir` points at. Resolving the symlink once means a
 * concurrent publish cannot mix files from two versions.
 */
export async function loadIndex(
  indexDir: string,
  embeddings: EmbeddingsInterface,
  expected: { embedder: EmbedderDescriptor; analyzer: string },
): Promise<LoadedIndex> {
  const dir = await fs.realpath(indexDir).catch((cause: unknown) => {
    throw new IndexError(`Inget index i ${indexDir}. Kör npm run ingest först.`, { cause });
  });
  const manifest = await readManifest(dir);
  assertCompatible(manifest, expected);
  // The three big files are read concurrently; parsing them is what costs (see docs/performance.md).
  const [chunksJson, lexicalJson, vectors] = await Promise.all([
    fs.readFile(path.join(dir, FILES.chunks), "utf8"),
    fs.readFile(path.join(dir, FILES.lexical), "utf8"),
    existsSync(path.join(dir, FILES.vectors)) ? HNSWLib.load(path.join(dir, FILES.vectors), embeddings) : Promise.resolve(null),
  ]);
  // Parsing is synchronous: a server loading a new version meanwhile answers between the parses (issue 15).
  await nextTurn();
  const chunks = JSON.parse(chunksJson) as Chunk[];
  // We wrote these files ourselves after validating them; checking the shape of the first chunk
  // and the count catches a foreign or truncated file without paying zod for 100k objects.
  if (!Array.isArray(chunks) || chunks.length !== manifest.counts.chunks || (chunks.length > 0 && !chunkSchema.safeParse(chunks[0]).success)) {
    throw new IndexError(`Indexet i ${dir} är skadat: chunks.json stämmer inte med manifestet (${manifest.counts.chunks} avsnitt).`);
  }
  // Full document texts are needed only by the source view: read them on first use.
  let texts: Record<string, string> | undefined;
  const textOf = (id: string) => (texts ??= JSON.parse(readFileSync(path.join(dir, FILES.texts), "utf8")) as Record<string, string>)[id];
  const vocabularyFile = path.join(dir, FILES.vocabulary);
  const vocabulary = existsSync(vocabularyFile) ? (JSON.parse(await fs.readFile(vocabularyFile, "utf8")) as string[]) : undefined;
  await nextTurn();
  const lexical = LexicalIndex.fromJSON(JSON.parse(lexicalJson));
  if (lexical.size !== chunks.length) {
    throw new IndexError(`Indexet i ${dir} är inkonsekvent: ${chunks.length} avsnitt men ${lexical.size} i det lexikala indexet.`);
  }
  const originalsDir = path.join(dir, FILES.originals);
  const originalFiles = new Map<string, string>();
  for (const f of await fs.readdir(originalsDir).catch(() => [] as string[])) {
    originalFiles.set(path.parse(f).name, path.join(originalsDir, f));
  }
  await nextTurn();
  return assembleLoadedIndex({
    dir,
    manifest,
    chunks,
    vectors,
    lexical,
    documentText: textOf,
    originalPath: (id) => originalFiles.get(id),
    glossaryPath: existsSync(path.join(dir, FILES.glossary)) ? path.join(dir, FILES.glossary) : undefined,
    ...(vocabulary ? { vocabulary } : {}),
  });
}

/**
 * The lookups every store provides the same way (chunk and document by id),
 * around what each store reads in its own way. Used by the file store and the
 * PostgreSQL store so both serve identical LoadedIndex objects.
 */
export function assembleLoadedIndex(
  parts: Omit<LoadedIndex, "getChunk" | "chunkIndex" | "getDocument">,
): LoadedIndex {
  const byId = new Map(parts.chunks.map((c, i) => [c.id, i]));
  const docs = new Map(parts.manifest.documents.map((d) => [d.id, d]));
  return {
    ...parts,
    getChunk: (id) => {
      const i = byId.get(id);
      return i === undefined ? undefined : parts.chunks[i];
    },
    chunkIndex: (id) => byId.get(id),
    getDocument: (id) => docs.get(id),
  };
}

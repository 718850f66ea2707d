/**
 * Changes to the corpus folder made from the admin API: checking an upload
 * before anything is written, writing files and `<file>.meta.yml` sidecars
 * atomically, and removing documents. Every path is resolved and verified to
 * lie inside the corpus folder, whatever the client sent as a file name.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { stringify as toYaml } from "yaml";
import { SIDECAR_SUFFIX, type DiscoveredFile } from "../core/corpus-folder.js";
import { AppError, ValidationError } from "../core/errors.js";
import { documentIdFor, sha256 } from "../core/ids.js";
import type { DocumentMetadata, ParsedFile } from "../core/schemas.js";
import type { IngestFunctions } from "./ingest-functions.js";

/** The metadata fields an administrator can set, in sidecar order. */
export const METADATA_FIELDS = ["title", "owner", "version", "reviewBy", "collection"] as const;

/** Names the ingest job ignores; uploading them would silently do nothing. */
const RESERVED_NAMES = new Set(["sources.md", "readme.md", "ordlista.yml", "ordlista.yaml", "thumbs.db", "desktop.ini"]);
const MAX_NAME_LENGTH = 120;

/** An upload refused before anything was written. */
export class UploadError extends AppError {
  constructor(code: string, message: string, status: number) {
    super(code, message, status);
  }
}

/**
 * Reduces a client-supplied file name to a safe single path segment: only
 * the last segment after "/" or "\" is kept, control and reserved characters
 * are replaced, and leading dots (hidden files, "..") are removed.
 */
export function sanitizeFileName(raw: string): string {
  const last = raw.normalize("NFC").split(/[\\/]/).pop() ?? "";
  const cleaned = last
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "_")
    .replace(/^[.\s]+/, "")
    .replace(/\s+/g, " ")
    .trim();
  const ext = path.extname(cleaned);
  const base = cleaned.slice(0, cleaned.length - ext.length).slice(0, MAX_NAME_LENGTH - ext.length);
  const name = `${base}${ext}`;
  if (base.replace(/[._\s-]/g, "") === "") throw new ValidationError(`Filnamnet "${raw}" går inte att använda; byt namn på filen.`);
  return name;
}

/** A target folder inside the corpus: each segment sanitised, "." and ".." dropped. Empty means the corpus root. */
export function sanitizeFolder(raw: string | undefined): string {
  if (!raw) return "";
  return raw
    .split(/[\\/]/)
    .map((s) => s.normalize("NFC").replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "_").replace(/^[.\s]+/, "").trim())
    .filter((s) => s.length > 0)
    .join("/");
}

/** Absolute path of `relative` inside `corpusDir`; throws when it would land outside. */
export function resolveInside(corpusDir: string, relative: string): string {
  const root = path.resolve(corpusDir);
  const full = path.resolve(root, relative);
  if (full === root || !full.startsWith(root + path.sep)) {
    throw new ValidationError(`Sökvägen "${relative}" ligger utanför korpusmappen.`);
  }
  return full;
}

/** One uploaded file, checked and parsed, not yet written. */
interface PreparedFile {
  /** The name as sent by the client. */
  originalName: string;
  /** Corpus-relative path with "/" separators (the document's source). */
  source: string;
  documentId: string;
  path: string;
  bytes: Uint8Array;
  sha256: string;
  /** A document with this source exists and will be replaced. */
  replaces: boolean;
  parsed: ParsedFile;
}

interface DuplicateFile {
  originalName: string;
  /** Source of the corpus document with identical content. */
  duplicateOf: string;
}

export interface UploadPlan {
  files: PreparedFile[];
  duplicates: DuplicateFile[];
}

/** Hashes of every document in the corpus, by source. */
async function corpusHashes(files: DiscoveredFile[]): Promise<Map<string, string>> {
  const bySha = new Map<string, string>();
  for (const f of files) {
    const sha = sha256(await fs.readFile(f.path));
    if (!bySha.has(sha)) bySha.set(sha, f.source);
  }
  return bySha;
}

/**
 * Checks uploaded files without writing anything: size, name, supported
 * format, that the content parses, and duplicates (same sha256 as a corpus
 * document or an earlier file of the same upload). Throws the first refusal.
 */
export async function planUpload(
  ingest: Pick<IngestFunctions, "discover" | "parse">,
  corpusDir: string,
  uploads: { name: string; bytes: Uint8Array }[],
  options: { folder?: string; maxBytes: number },
): Promise<UploadPlan> {
  const folder = sanitizeFolder(options.folder);
  const total = uploads.reduce((n, u) => n + u.bytes.length, 0);
  if (total > options.maxBytes) {
    throw new UploadError("payload_too_large", `Uppladdningen är för stor (${mb(total)} MB; högst ${mb(options.maxBytes)} MB).`, 413);
  }
  const existing = await ingest.discover(corpusDir);
  const sources = new Set(existing.map((f) => f.source));
  const bySha = await corpusHashes(existing);
  const plan: UploadPlan = { files: [], duplicates: [] };
  const seen = new Set<string>();
  for (const upload of uploads) {
    const name = sanitizeFileName(upload.name);
    if (RESERVED_NAMES.has(name.toLowerCase()) || name.toLowerCase().endsWith(SIDECAR_SUFFIX)) {
      throw new UploadError("reserved_name", `Filnamnet ${name} är reserverat för korpusens egna filer; byt namn på filen.`, 422);
    }
    const source = folder ? `${folder}/${name}` : name;
    const target = resolveInside(corpusDir, source);
    if (seen.has(source)) throw new UploadError("duplicate_name", `Filen ${name} finns två gånger i uppladdningen.`, 422);
    seen.add(source);
    // Parsing first means a corrupt or mislabelled file is refused with its reason before the corpus changes.
    const parsed = await ingest.parse(upload.bytes, name, { maxBytes: options.maxBytes });
    const hash = sha256(upload.bytes);
    const duplicateOf = bySha.get(hash);
    if (duplicateOf !== undefined) {
      plan.duplicates.push({ originalName: upload.name, duplicateOf });
      continue;
    }
    bySha.set(hash, source);
    plan.files.push({
      originalName: upload.name,
      source,
      documentId: documentIdFor(source),
      path: target,
      bytes: upload.bytes,
      sha256: hash,
      replaces: sources.has(source),
      parsed,
    });
  }
  return plan;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/** Writes bytes via a hidden temp file and a rename, so an ingest never reads half a file. */
async function writeAtomic(target: string, data: Uint8Array | string): Promise<void> {
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.upload-${randomUUID()}`);
  await fs.writeFile(tmp, data);
  try {
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/** Verifies that the real (symlink-resolved) folder is still inside the corpus. */
async function ensureFolderInside(corpusDir: string, target: string): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const [root, real] = await Promise.all([fs.realpath(corpusDir), fs.realpath(dir)]);
  if (real !== root && !real.startsWith(root + path.sep)) throw new ValidationError(`Mappen ${dir} ligger utanför korpusmappen.`);
}

/** Validates metadata from a form or JSON body; empty strings mean "not set". */
export function metadataFrom(ingest: Pick<IngestFunctions, "normalizeMetadata">, raw: Partial<Record<(typeof METADATA_FIELDS)[number], unknown>>, source: string): DocumentMetadata {
  const picked: Record<string, unknown> = {};
  for (const field of METADATA_FIELDS) {
    const v = raw[field];
    if (typeof v === "string" && v.trim() !== "") picked[field] = v.trim();
    else if (v !== undefined && v !== null && typeof v !== "string") picked[field] = v;
  }
  return ingest.normalizeMetadata(picked, source);
}

/** Reads the sidecar of a corpus file, or {} when it has none. */
export async function readSidecarOf(ingest: Pick<IngestFunctions, "readSidecar">, filePath: string): Promise<DocumentMetadata> {
  const sidecar = `${filePath}${SIDECAR_SUFFIX}`;
  return existsSync(sidecar) ? ingest.readSidecar(sidecar) : {};
}

/** Writes `<file>.meta.yml` (the format ingest/discover.ts reads); removes it when `metadata` is empty. */
export async function writeSidecar(filePath: string, metadata: DocumentMetadata): Promise<void> {
  const sidecar = `${filePath}${SIDECAR_SUFFIX}`;
  const ordered: Record<string, string> = {};
  for (const field of METADATA_FIELDS) if (metadata[field] !== undefined) ordered[field] = metadata[field]!;
  if (Object.keys(ordered).length === 0) {
    await fs.rm(sidecar, { force: true });
    return;
  }
  await writeAtomic(sidecar, `# Metadata för ${path.basename(filePath)}; ändras från administrationssidan eller för hand.\n${toYaml(ordered)}`);
}

/** Writes the planned files and, when `metadata` has fields, merges them into each file's sidecar. */
export async function writeUpload(ingest: Pick<IngestFunctions, "readSidecar">, corpusDir: string, plan: UploadPlan, metadata: DocumentMetadata): Promise<void> {
  for (const file of plan.files) {
    await ensureFolderInside(corpusDir, file.path);
    if (Object.keys(metadata).length > 0) {
      const merged = { ...(await readSidecarOf(ingest, file.path).catch(() => ({}))), ...metadata };
      await writeSidecar(file.path, merged);
    }
    await writeAtomic(file.path, file.bytes);
  }
}

/** The corpus file whose document id is `documentId`, if any (indexed or not). */
export async function findCorpusFile(ingest: Pick<IngestFunctions, "discover">, corpusDir: string, documentId: string): Promise<DiscoveredFile | undefined> {
  const files = await ingest.discover(corpusDir);
  return files.find((f) => documentIdFor(f.source) === documentId);
}

/** Removes a corpus document and its sidecar. */
export async function removeCorpusFile(corpusDir: string, file: DiscoveredFile): Promise<void> {
  const target = resolveInside(corpusDir, file.source);
  await fs.rm(`${target}${SIDECAR_SUFFIX}`, { force: true });
  await fs.rm(target);
}

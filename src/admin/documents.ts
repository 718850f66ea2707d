/**
 * The document list of the admin page: what the published index holds,
 * joined with what is in the index's own corpus folder now, so each row says
 * truthfully where it stands (indexed, changed on disk, new on disk, removed
 * from disk, failed with the reason from the latest job).
 *
 * The disk side is the folder the index was built from (manifest.corpusDir),
 * not CORPUS_DIR: with a mismatched CORPUS_DIR the configured folder says
 * nothing about the indexed documents (comparing against it labelled all
 * 1,143 documents of a library "Borttagen – väntar på inläsning").
 *
 * The list is paged, searched, filtered and sorted here (`queryDocuments`),
 * so the page never receives a whole library.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createHash } from "node:crypto";
import type { DiscoveredFile } from "../core/corpus-folder.js";
import type { LoadedIndex } from "../core/index-store.js";
import { documentIdFor } from "../core/ids.js";
import type { DocumentFormat } from "../core/schemas.js";
import type { JobRecord } from "../store/ingest-jobs.js";

/**
 * - `indexed`: in the index, and the file on disk is the one that was read.
 * - `changed`: in the index, but the file on disk differs (read at the next re-ingest).
 * - `new`: on disk, not in the index yet.
 * - `removed`: in the index, but its file is gone from the folder (dropped at the next re-ingest).
 * - `failed`: on disk, could not be read (`error` says why).
 */
export type DocumentStatus = "indexed" | "changed" | "new" | "removed" | "failed";
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ["indexed", "changed", "new", "removed", "failed"];

export interface AdminDocument {
  id: string;
  title: string;
  source: string;
  format: DocumentFormat | null;
  pages: number | null;
  chunks: number;
  owner: string | null;
  version: string | null;
  reviewBy: string | null;
  collection: string | null;
  /** The unit the document belongs to: its collection, or else its top folder ("" at the corpus root). */
  unit: string;
  /** From the control block: last updated, valid until (a date or a word such as "tillsvidare"), adopted by/on. */
  updatedOn: string | null;
  validUntil: string | null;
  adoptedBy: string | null;
  adoptedOn: string | null;
  sourceUrl: string | null;
  /** When this content was last parsed and embedded (ISO), null when not in the index. */
  ingestedAt: string | null;
  warnings: string[];
  /** The review-by date (or a valid-until date) has passed. */
  overdue: boolean;
  status: DocumentStatus;
  /** The published index holds this document (it can be cited). */
  indexed: boolean;
  /** The file is in the index's corpus folder. */
  inCorpus: boolean;
  /** Why the latest job could not ingest the file. */
  error: string | null;
}

const PAGE_WITHOUT_TEXT = /^Sida (\d+) saknar textlager/;

/** Collapses per-page "saknar textlager" warnings into one line ("3 sidor saknar text och behöver OCR (sida 2, 4, 5)."). */
function summarizeWarnings(warnings: string[]): string[] {
  const pages: number[] = [];
  const rest: string[] = [];
  for (const w of warnings) {
    const m = PAGE_WITHOUT_TEXT.exec(w);
    if (m) pages.push(Number(m[1]));
    else rest.push(w);
  }
  if (pages.length === 0) return rest;
  const line = `${pages.length} ${pages.length === 1 ? "sida saknar" : "sidor saknar"} text och behöver OCR (sida ${pages.join(", ")}).`;
  return [line, ...rest];
}

/** Today as YYYY-MM-DD in local time. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const dateOrNull = (v: string | null | undefined): string | null => (v && ISO_DATE.test(v) ? v.slice(0, 10) : null);

/** The unit of a document: its collection, else its top folder. */
function unitOf(source: string, collection: string | null | undefined): string {
  if (collection) return collection;
  const slash = source.indexOf("/");
  return slash > 0 ? source.slice(0, slash) : "";
}

const hashCache = new Map<string, { size: number; mtimeMs: number; sha256: string }>();

/** sha256 of a file's bytes, cached by path, size and modification time (a library is listed often, changed rarely). */
async function fileSha256(file: string): Promise<string> {
  const info = await stat(file);
  const cached = hashCache.get(file);
  if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached.sha256;
  const hash = createHash("sha256");
  await new Promise<void>((resolve, reject) => {
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve())
      .on("error", reject);
  });
  const sha256 = hash.digest("hex");
  hashCache.set(file, { size: info.size, mtimeMs: info.mtimeMs, sha256 });
  return sha256;
}

/** The newest job that read files (restores and abandoned jobs have no per-file results). */
export function latestIngestJob(jobs: JobRecord[]): JobRecord | undefined {
  return jobs.find((j) => j.results.length > 0);
}

/**
 * Every document: the index's documents and the files of its corpus folder
 * not in it, sorted by source. `corpus` is the index's own folder
 * (manifest.corpusDir); `hashes` the sha256 of each of its files by source,
 * to tell an unchanged file from a changed one.
 */
export function listDocuments(
  index: LoadedIndex,
  corpus: DiscoveredFile[],
  lastJob: JobRecord | undefined,
  date = today(),
  hashes: ReadonlyMap<string, string> = new Map(),
): AdminDocument[] {
  const onDisk = new Map(corpus.map((f) => [f.source, f]));
  const failures = new Map((lastJob?.results ?? []).filter((r) => r.error).map((r) => [r.source, r.error]));
  const docs: AdminDocument[] = index.manifest.documents.map((d) => {
    const m = d.metadata;
    const inCorpus = onDisk.has(d.source);
    const diskHash = hashes.get(d.source);
    const changed = inCorpus && diskHash !== undefined && diskHash !== d.sha256;
    const error = changed ? (failures.get(d.source) ?? null) : null;
    const reviewDate = dateOrNull(m.reviewBy) ?? dateOrNull(m.validUntil);
    return {
      id: d.id,
      title: d.title,
      source: d.source,
      format: d.format,
      pages: d.pages,
      chunks: d.chunks,
      owner: m.owner ?? null,
      version: m.version ?? null,
      reviewBy: m.reviewBy ?? null,
      collection: m.collection ?? null,
      unit: unitOf(d.source, m.collection),
      updatedOn: m.updatedOn ?? null,
      validUntil: m.validUntil ?? null,
      adoptedBy: m.adoptedBy ?? null,
      adoptedOn: m.adoptedOn ?? null,
      sourceUrl: m.sourceUrl ?? null,
      ingestedAt: d.ingestedAt,
      warnings: summarizeWarnings(d.warnings),
      overdue: reviewDate !== null && reviewDate < date,
      status: !inCorpus ? "removed" : changed ? (error ? "failed" : "changed") : "indexed",
      indexed: true,
      inCorpus,
      error,
    };
  });
  const indexed = new Set(docs.map((d) => d.source));
  for (const f of corpus) {
    if (indexed.has(f.source)) continue;
    const error = failures.get(f.source) ?? (f.supported ? null : "Filformatet stöds inte.");
    docs.push({
      id: documentIdFor(f.source),
      title: f.source.split("/").pop() ?? f.source,
      source: f.source,
      format: null,
      pages: null,
      chunks: 0,
      owner: null,
      version: null,
      reviewBy: null,
      collection: null,
      unit: unitOf(f.source, null),
      updatedOn: null,
      validUntil: null,
      adoptedBy: null,
      adoptedOn: null,
      sourceUrl: null,
      ingestedAt: null,
      warnings: [],
      overdue: false,
      status: error ? "failed" : "new",
      indexed: false,
      inCorpus: true,
      error,
    });
  }
  return docs.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

export type DocumentSort = "source" | "title" | "updated" | "review";
export const DOCUMENT_SORTS: readonly DocumentSort[] = ["source", "title", "updated", "review"];
export const MAX_PAGE_SIZE = 100;

export interface DocumentQuery {
  /** 1-based. */
  page?: number;
  pageSize?: number;
  /** Words that must all occur in the title or the path (case- and diacritic-insensitive). */
  q?: string;
  unit?: string;
  status?: DocumentStatus;
  /** `updated`: last updated first (control block, else ingest time); `review`: the earliest review or valid-until date first. */
  sort?: DocumentSort;
}

export interface DocumentPage {
  documents: AdminDocument[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  /** Every unit with its document count (over the whole list, for the filter). */
  units: Array<{ unit: string; count: number }>;
  /** Documents per status (over the whole list). */
  statusCounts: Record<DocumentStatus, number>;
}

const fold = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase();

/** The date a document was last updated: the control block's, else when it was read in. */
const updatedKey = (d: AdminDocument): string | null => dateOrNull(d.updatedOn) ?? dateOrNull(d.adoptedOn) ?? dateOrNull(d.ingestedAt);
const reviewKey = (d: AdminDocument): string | null => dateOrNull(d.reviewBy) ?? dateOrNull(d.validUntil);

/** One page of the list after search, filters and sorting; documents without the sort date come last. */
export function queryDocuments(all: AdminDocument[], query: DocumentQuery = {}): DocumentPage {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize ?? 50)));
  const words = fold(query.q ?? "")
    .split(/\s+/)
    .filter(Boolean);
  let list = all;
  if (words.length > 0) {
    list = list.filter((d) => {
      const hay = fold(`${d.title} ${d.source}`);
      return words.every((w) => hay.includes(w));
    });
  }
  if (query.unit !== undefined) list = list.filter((d) => d.unit === query.unit);
  if (query.status) list = list.filter((d) => d.status === query.status);
  const sort = query.sort ?? "source";
  if (sort !== "source") {
    const by = (key: (d: AdminDocument) => string | null, descending: boolean) => (a: AdminDocument, b: AdminDocument) => {
      const ka = key(a);
      const kb = key(b);
      if (ka === kb) return a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
      if (ka === null) return 1;
      if (kb === null) return -1;
      return (ka < kb ? -1 : 1) * (descending ? -1 : 1);
    };
    list = [...list].sort(
      sort === "title" ? (a, b) => a.title.localeCompare(b.title, "sv") || (a.source < b.source ? -1 : 1) : sort === "updated" ? by(updatedKey, true) : by(reviewKey, false),
    );
  }
  const total = list.length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(pages, Math.max(1, Math.floor(query.page ?? 1)));
  const units = new Map<string, number>();
  for (const d of all) units.set(d.unit, (units.get(d.unit) ?? 0) + 1);
  const statusCounts = Object.fromEntries(DOCUMENT_STATUSES.map((s) => [s, 0])) as Record<DocumentStatus, number>;
  for (const d of all) statusCounts[d.status]++;
  return {
    documents: list.slice((page - 1) * pageSize, page * pageSize),
    total,
    page,
    pageSize,
    pages,
    units: [...units].map(([unit, count]) => ({ unit, count })).sort((a, b) => a.unit.localeCompare(b.unit, "sv")),
    statusCounts,
  };
}

/** sha256 of every file found on disk, by source (files that cannot be read are left out). */
export async function diskHashes(corpus: DiscoveredFile[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const queue = [...corpus];
  const worker = async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const hash = await fileSha256(f.path).catch(() => null);
      if (hash) out.set(f.source, hash);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return out;
}

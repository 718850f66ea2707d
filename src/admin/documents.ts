/**
 * The document list of the admin page: what the published index holds,
 * joined with what is in the corpus folder now (files not yet or not
 * successfully ingested show up too, with the reason from the latest job).
 */
import type { DiscoveredFile } from "../../ingest/discover.js";
import type { LoadedIndex } from "../core/index-store.js";
import { documentIdFor } from "../core/ids.js";
import type { DocumentFormat } from "../core/schemas.js";
import type { JobRecord } from "../store/ingest-jobs.js";

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
  /** When this content was last parsed and embedded (ISO), null when not in the index. */
  ingestedAt: string | null;
  warnings: string[];
  /** The review-by date has passed. */
  overdue: boolean;
  /** The published index holds this document (it can be cited). */
  indexed: boolean;
  /** The file is in the corpus folder (false: removed, index not rebuilt yet). */
  inCorpus: boolean;
  /** Why the latest job could not ingest the file. */
  error: string | null;
}

const PAGE_WITHOUT_TEXT = /^Sida (\d+) saknar textlager/;

/** Collapses per-page "saknar textlager" warnings into one line ("3 sidor saknar text och behöver OCR (sida 2, 4, 5)."). */
export function summarizeWarnings(warnings: string[]): string[] {
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
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Lists indexed documents and the corpus files not in the index, sorted by source. */
export function listDocuments(index: LoadedIndex, corpus: DiscoveredFile[], lastJob: JobRecord | undefined, date = today()): AdminDocument[] {
  const inCorpus = new Set(corpus.map((f) => f.source));
  const docs: AdminDocument[] = index.manifest.documents.map((d) => ({
    id: d.id,
    title: d.title,
    source: d.source,
    format: d.format,
    pages: d.pages,
    chunks: d.chunks,
    owner: d.metadata.owner ?? null,
    version: d.metadata.version ?? null,
    reviewBy: d.metadata.reviewBy ?? null,
    collection: d.metadata.collection ?? null,
    ingestedAt: d.ingestedAt,
    warnings: summarizeWarnings(d.warnings),
    overdue: d.metadata.reviewBy !== undefined && d.metadata.reviewBy < date,
    indexed: true,
    inCorpus: inCorpus.has(d.source),
    error: null,
  }));
  const indexed = new Set(docs.map((d) => d.source));
  const failures = new Map((lastJob?.results ?? []).filter((r) => r.error).map((r) => [r.source, r.error]));
  for (const f of corpus) {
    if (indexed.has(f.source)) continue;
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
      ingestedAt: null,
      warnings: [],
      overdue: false,
      indexed: false,
      inCorpus: true,
      error: failures.get(f.source) ?? (f.supported ? null : "Filformatet stöds inte."),
    });
  }
  return docs.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

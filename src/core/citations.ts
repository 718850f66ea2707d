/**
 * How a chunk is presented to a reader: its section name, the link to its
 * original file, and a citation of a verbatim quote from it. One definition,
 * so the extractive and generative composers, the passage list and the source
 * view always agree.
 */
import type { Chunk, Citation } from "./schemas.js";

/** The innermost heading of the chunk, or the document title when it has none. */
export function sectionOf(chunk: Pick<Chunk, "headingPath" | "title">): string {
  return chunk.headingPath[chunk.headingPath.length - 1] ?? chunk.title;
}

/** Link to the original file; a PDF opens at the chunk's page. */
export function citationUrl(documentId: string, page: number | null, format?: string): string {
  const base = `/api/documents/${encodeURIComponent(documentId)}/file`;
  return format === "pdf" && page !== null ? `${base}#page=${page}` : base;
}

/** Citation number `n` of `quote`, which must be a verbatim substring of `chunk.text`. */
export function citationFor(chunk: Chunk, n: number, quote: string, format: string | undefined): Citation {
  return {
    n,
    chunkId: chunk.id,
    documentId: chunk.documentId,
    source: chunk.source,
    title: chunk.title,
    section: sectionOf(chunk),
    page: chunk.page,
    quote,
    url: citationUrl(chunk.documentId, chunk.page, format),
  };
}

/**
 * Incremental ingest: a file with the same source and sha256 as in the
 * previous version keeps its chunks and vectors instead of being parsed and
 * embedded again. Only its sidecar is read anew, since metadata can change
 * without the file changing.
 */
import type { LoadedIndex } from "../src/core/index-store.js";
import type { DocumentMetadata, DocumentRecord } from "../src/core/schemas.js";
import type { DocumentBuild } from "./document-build.js";

export type ReusedDocument = Omit<DocumentBuild, "original">;

/** Finds a file's document in the previous version, unless it is to be parsed again (`reparse`). */
export function previousDocuments(
  previous: LoadedIndex | null,
  reparse: ReadonlySet<string> | "all" | undefined,
): (source: string, sha256: string, sidecar: DocumentMetadata) => ReusedDocument | null {
  const previousBySha = new Map<string, DocumentRecord>();
  for (const d of previous?.manifest.documents ?? []) previousBySha.set(`${d.source}\u0000${d.sha256}`, d);
  return (source, sha256, sidecar) => {
    const forced = reparse === "all" || reparse?.has(source) === true;
    return previous && !forced ? reuseDocument(previous, previousBySha.get(`${source}\u0000${sha256}`), sidecar) : null;
  };
}

function reuseDocument(previous: LoadedIndex, record: DocumentRecord | undefined, sidecar: DocumentMetadata): ReusedDocument | null {
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

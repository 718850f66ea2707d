import { createHash } from "node:crypto";

/** Short, stable hex id from any string (sha256 prefix). */
export function stableId(input: string, length = 16): string {
  return createHash("sha256").update(input).digest("hex").slice(0, length);
}

/** sha256 of file bytes, used for incremental ingestion and duplicate detection. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Document ids derive from the corpus-relative path, not the content, so a
 * replaced routine keeps its id (and links to it keep working).
 */
export function documentIdFor(source: string): string {
  return `d${stableId(source.normalize("NFC"), 12)}`;
}

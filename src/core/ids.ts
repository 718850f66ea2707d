import { createHash } from "node:crypto";

/** Short, stable hex id from any string (sha256 prefix). */
export function stableId(input: string, length = 16): string {
  return createHash("sha256").update(input).digest("hex").slice(0, length);
}

/** 32-bit FNV-1a of a string: a fast, stable, non-cryptographic hash (feature hashing, shingles). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
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

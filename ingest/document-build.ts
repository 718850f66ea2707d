/**
 * What one document contributes to an index version, whether built now or
 * taken over from the previous version. A leaf file, so the steps that make
 * and consume it (build-document, reuse-document, publish-index) need not
 * import the pipeline that wires them.
 */
import type { Chunk, DocumentRecord } from "../src/core/schemas.js";

export interface DocumentBuild {
  record: DocumentRecord;
  text: string;
  chunks: Chunk[];
  vectors: number[][];
  original: { path: string; ext: string };
}

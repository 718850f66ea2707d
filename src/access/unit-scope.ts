/**
 * Unit scoping of a question (issue 15): `options.collections` narrows the
 * search to those collections (units), `options.unit` makes the reader's own
 * unit's copy of a shared routine the one cited. Both work on the collection
 * `collectionOf` gives a document (its top-level folder, or `collection` in
 * its metadata), the same one access groups are decided on. The filter built
 * here is composed with the access filter, never instead of it.
 */
import type { LoadedIndex } from "../core/index-store.js";
import type { Chunk, DocumentRecord } from "../core/schemas.js";
import { collectionOf } from "./access-policy.js";

export interface UnitScope {
  /** The access filter narrowed to the chosen collections (undefined: everything may be searched). */
  allow?: (chunk: Chunk) => boolean;
  /** Of copies of one passage, the one in the reader's unit. */
  prefer?: (chunk: Chunk) => boolean;
}

/** The collection of each chunk's document, looked up once per document. */
function chunkCollection(index: LoadedIndex): (chunk: Chunk) => string | undefined {
  const byDocument = new Map<string, string | undefined>();
  return (chunk) => {
    if (byDocument.has(chunk.documentId)) return byDocument.get(chunk.documentId);
    const doc = index.getDocument(chunk.documentId);
    const collection = doc ? collectionOf(doc) : undefined;
    byDocument.set(chunk.documentId, collection);
    return collection;
  };
}

export function unitScope(
  index: LoadedIndex,
  options: { collections?: readonly string[]; unit?: string } | undefined,
  allow?: (chunk: Chunk) => boolean,
): UnitScope {
  const collections = options?.collections && options.collections.length > 0 ? new Set(options.collections) : undefined;
  const unit = options?.unit;
  if (!collections && !unit) return allow ? { allow } : {};
  const collectionOfChunk = chunkCollection(index);
  const inScope = collections ? (chunk: Chunk) => collections.has(collectionOfChunk(chunk) ?? "") : undefined;
  const scoped = inScope && allow ? (chunk: Chunk) => allow(chunk) && inScope(chunk) : (inScope ?? allow);
  return {
    ...(scoped ? { allow: scoped } : {}),
    ...(unit ? { prefer: (chunk: Chunk) => collectionOfChunk(chunk) === unit } : {}),
  };
}

/** Every collection of the index with its document count, by name (Swedish collation). */
export function collectionsOf(documents: readonly DocumentRecord[], mayRead: (doc: DocumentRecord) => boolean = () => true): { name: string; documents: number }[] {
  const counts = new Map<string, number>();
  for (const doc of documents) {
    if (!mayRead(doc)) continue;
    const name = collectionOf(doc);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .map(([name, documents]) => ({ name, documents }))
    .sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

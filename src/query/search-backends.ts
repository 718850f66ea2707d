/**
 * The two first-stage searches of retrieval behind small interfaces, so the
 * in-memory replica (default) or the database (VECTOR_SEARCH=pgvector,
 * LEXICAL_SEARCH=postgres, wired in src/lifecycle/open-answer-service.ts) can serve them. Both get
 * the access filter as `allowIdx` and must apply it inside the search,
 * before ranking: a top-k cut followed by filtering would let restricted
 * chunks take slots and change what a user is shown.
 */
import type { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { LoadedIndex } from "../core/index-store.js";
import type { WeightedTerm } from "../core/lexical-index.js";
import { tuning } from "../config/tuning.js";

/** A chunk by its position in `LoadedIndex.chunks`, with cosine similarity. */
interface DenseHit {
  index: number;
  similarity: number;
}

/** Nearest chunks to a query vector. */
export interface DenseSearch {
  search(vector: number[], k: number, allowIdx?: (i: number) => boolean): Promise<DenseHit[]>;
}

/** One question word for full-text engines: the words that count as finding it, and its weight. */
export interface TextQueryGroup {
  /** Surface words (lower-case, letters and digits only), any of which counts. */
  words: string[];
  weight: number;
}

/** What a lexical search gets: our own index terms and, for engines with their own analysis, surface words. */
interface LexicalQuery {
  /** Weighted index terms of the analysed question (BM25F over our analysis). */
  terms: WeightedTerm[];
  /** The question's words grouped per concept, for engines that stem on their own (PostgreSQL `swedish`); computed on demand. */
  groups(): TextQueryGroup[];
}

/** A chunk by its position in `LoadedIndex.chunks`, with a lexical score (higher is better). */
interface LexicalSearchHit {
  doc: number;
  score: number;
}

/** Chunks matching the question's words, best first. */
export interface LexicalSearch {
  search(query: LexicalQuery, k: number, allowIdx?: (i: number) => boolean): Promise<LexicalSearchHit[]>;
}

/** The searches retrieval uses; missing ones fall back to the in-memory replica. */
export interface SearchBackends {
  /** `null`: no dense search (an empty index, or the replica holds no vectors and nothing else serves them). */
  dense?: DenseSearch | null;
  lexical?: LexicalSearch;
}

/** HNSW search in the replica; HNSWLib reports cosine distance, turned into similarity here. */
export function replicaDenseSearch(index: LoadedIndex): DenseSearch | null {
  const vectors: HNSWLib | null = index.vectors;
  if (!vectors) return null;
  vectors.index.setEf(tuning.retrieval.hnswEf);
  return {
    async search(vector, k, allowIdx) {
      const filter = allowIdx
        ? (doc: { metadata: Record<string, unknown> }) => {
            const i = index.chunkIndex(String(doc.metadata.chunkId));
            return i !== undefined && allowIdx(i);
          }
        : undefined;
      const results = await vectors.similaritySearchVectorWithScore(vector, Math.min(k, index.chunks.length), filter);
      const hits: DenseHit[] = [];
      for (const [doc, distance] of results) {
        const i = index.chunkIndex(String(doc.metadata.chunkId));
        if (i !== undefined) hits.push({ index: i, similarity: 1 - distance });
      }
      return hits;
    },
  };
}

/** BM25F over the replica's lexical index (our compounds, glossary and typo handling included). */
export function replicaLexicalSearch(index: LoadedIndex): LexicalSearch {
  return {
    search: async (query, k, allowIdx) => index.lexical.search(query.terms, k, allowIdx),
  };
}

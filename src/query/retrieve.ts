/**
 * Hybrid retrieval: lexical BM25F and dense vectors, fused by rank, then
 * reranked by concept coverage and diversified so one long document cannot
 * take every slot. An optional `allow` filter (access control) runs inside
 * both retrievers, before ranking. The two first-stage searches come from
 * `SearchBackends` (the in-memory replica unless the database serves them);
 * fusion, reranking and diversity always run here, on the replica's chunks.
 */
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { LoadedIndex } from "../core/index-store.js";
import type { Chunk } from "../core/schemas.js";
import { tuning } from "../config/tuning.js";
import { analyzeForIndex, collectVocabulary, expectedAnswerType, hasAnswerType, type TextContext } from "../text/index.js";
import { analyzeQuestion, type AnalyzedQuery } from "./analysis.js";
import { withContext } from "./condense.js";
import { chooseCopy, copyGroupsOf, oneCopyPerGroup, type CopyGroups } from "./copies.js";
import { coverage, type TermSet } from "./coverage.js";
import { documentContextOf } from "./document-context.js";
import { ownVersionsFirst, routineVersionsOf } from "./routine-versions.js";
import { reciprocalRankFusion } from "./fuse.js";
import { replicaDenseSearch, replicaLexicalSearch, type SearchBackends } from "./search-backends.js";
import { createTextQueryBuilder } from "./text-search-query.js";

/** Chunks whose section-heading terms a retriever remembers: a memory cap only, the terms are recomputed after a clear. */
const MAX_CACHED_SECTIONS = 50_000;

export interface Candidate {
  chunk: Chunk;
  /** Position in the index's chunk list. */
  index: number;
  /** Cosine similarity of the dense vectors (0 when not among dense candidates). */
  dense: number;
  /** BM25F score (0 when not among lexical candidates). */
  lexical: number;
  /** Concept coverage of the question by the chunk incl. its title and headings (0..1). */
  coverage: number;
  /** Final ranking score. */
  score: number;
  /** Positions of the other readable copies of this passage in other documents (src/query/copies.ts). */
  copies?: number[];
}

export interface RetrievalOptions {
  topK: number;
  /** Only chunks for which this returns true may be retrieved. */
  allow?: (chunk: Chunk) => boolean;
  /** Earlier questions a follow-up leans on (src/query/condense.ts); they add the topic's words to the question's. */
  context?: string | null;
  /** Of a passage found in several documents, show the copy for which this returns true (the reader's own unit). */
  prefer?: (chunk: Chunk) => boolean;
  /**
   * Unit scoping (issue 15): added to the score of passages for which `prefer`
   * is true, so the reader's own unit's version of a routine outranks another
   * unit's reworded version (word-for-word copies are handled by `prefer` alone). Default 0.
   */
  preferWeight?: number;
  /** Components switched off for ablation studies. */
  disable?: { lexical?: boolean; dense?: boolean; rerank?: boolean; diversity?: boolean; copies?: boolean; documentContext?: boolean };
}

export interface Retriever {
  analyze(question: string, context?: string | null): AnalyzedQuery;
  retrieve(question: string, options: RetrievalOptions): Promise<{ query: AnalyzedQuery; candidates: Candidate[] }>;
  /** Index terms of a chunk, for coverage scoring. */
  chunkTerms(index: number): TermSet;
}

// The rerank weights (concept coverage, section headings, answer type) are knobs of tuning.ts (rerank).
const { coverageWeight: COVERAGE_WEIGHT, sectionHeadingWeight: SECTION_HEADING_WEIGHT, answerTypeWeight: ANSWER_TYPE_WEIGHT } = tuning.rerank;

/**
 * @param search first-stage searches to use instead of the replica's (see
 *   src/query/search-backends.ts); ranking after them is the same.
 */
/**
 * @param denseWeight dense search's weight in fusion (default tuning.retrieval.denseWeight); 0 skips it.
 */
export function createRetriever(
  index: LoadedIndex,
  embeddings: EmbeddingsInterface,
  text: TextContext,
  search: SearchBackends = {},
  denseWeight: number = tuning.retrieval.denseWeight,
): Retriever {
  // The lexical index already holds every chunk's terms (all fields): ask it instead of re-analysing text.
  const chunkTerms = (i: number): TermSet => ({ has: (t: string) => index.lexical.contains(t, i) });
  const dense = search.dense === undefined ? replicaDenseSearch(index) : search.dense;
  const lexical = search.lexical ?? replicaLexicalSearch(index);
  // Only a full-text engine asks for surface words; the replica's BM25F never builds this.
  const textQuery = createTextQueryBuilder(() => index.vocabulary ?? collectVocabulary(index.chunks.map((c) => `${c.title} ${c.text}`)), text);

  const analyze = (question: string, context?: string | null) => analyzeQuestion(question, text, (t) => index.lexical.has(t), context);
  const sectionTermCache = new Map<number, Set<string>>();
  const sectionTerms = (i: number): Set<string> => {
    let terms = sectionTermCache.get(i);
    if (!terms) {
      const chunk = index.chunks[i]!;
      // The first heading is the document's own title when it repeats it.
      const own = chunk.headingPath[0] === chunk.title ? chunk.headingPath.slice(1) : chunk.headingPath;
      terms = new Set(analyzeForIndex(own.join(" "), text));
      if (sectionTermCache.size > MAX_CACHED_SECTIONS) sectionTermCache.clear();
      sectionTermCache.set(i, terms);
    }
    return terms;
  };

  async function retrieve(question: string, options: RetrievalOptions) {
    const r = tuning.retrieval;
    const query = analyze(question, options.context);
    const answerType = expectedAnswerType(question);
    const readable = options.allow ? (i: number) => options.allow!(index.chunks[i]!) : undefined;
    // One copy of each passage is searched, so copies cannot fill the candidate list.
    const copies = options.disable?.copies ? null : copyGroupsOf(index);
    const allowIdx = copies ? oneCopyPerGroup(copies, readable) : readable;

    const fullText = withContext(question, options.context);
    let groups: ReturnType<typeof textQuery> | undefined;
    const lexicalQuery = { terms: query.terms, groups: () => (groups ??= textQuery(fullText, query)) };
    const useDense = !options.disable?.dense && denseWeight > 0 && dense !== null && index.chunks.length > 0;
    // Both searches may wait on the database: run them side by side.
    const [lexHits, denseHits] = await Promise.all([
      options.disable?.lexical ? [] : lexical.search(lexicalQuery, r.candidates, allowIdx),
      useDense ? embeddings.embedQuery(fullText).then((vector) => dense.search(vector, Math.min(r.candidates, index.chunks.length), allowIdx)) : [],
    ]);
    const lexScore = new Map(lexHits.map((h) => [h.doc, h.score]));
    const denseIds = denseHits.map((h) => h.index);
    const denseScore = new Map(denseHits.map((h) => [h.index, h.similarity]));

    const fused = reciprocalRankFusion(
      [
        { ids: lexHits.map((h) => h.doc), weight: r.lexicalWeight },
        { ids: denseIds, weight: denseWeight },
      ],
      r.rrfK,
    );
    const maxFused = Math.max(1e-9, ...fused.values());
    const documentScore = documentScores(query, allowIdx, copies, options);
    // The best documents' chunks are candidates too: the steps of the right routine often share few words with the question.
    for (const i of documentScore.expand) if (!fused.has(i)) fused.set(i, 0);
    let candidates: Candidate[] = [...fused].map(([i, f]) => {
      const cov = coverage(query.concepts, chunkTerms(i));
      const typed = answerType !== "any" && answerType !== "reason" && hasAnswerType(index.chunks[i]!.text, answerType);
      const heading = coverage(query.concepts, sectionTerms(i));
      const rerank = options.disable?.rerank ? 0 : COVERAGE_WEIGHT * cov + SECTION_HEADING_WEIGHT * heading + (typed ? ANSWER_TYPE_WEIGHT : 0);
      const inDocument = r.documentWeight * documentScore.of(i);
      return {
        chunk: index.chunks[i]!,
        index: i,
        dense: denseScore.get(i) ?? 0,
        lexical: lexScore.get(i) ?? 0,
        coverage: cov,
        score: f / maxFused + rerank + inDocument + (options.preferWeight && options.prefer?.(index.chunks[i]!) ? options.preferWeight : 0),
        copies: [],
      };
    });
    if (copies) candidates = candidates.map((c) => showCopy(c, copies, readable, options.prefer));
    candidates.sort((a, b) => b.score - a.score || a.index - b.index);
    // The reader's unit's own version of a routine before another unit's edited version of it.
    const prefer = options.prefer;
    if (prefer) candidates = ownVersionsFirst(candidates, (c) => prefer(c.chunk), routineVersionsOf(index));
    if (!options.disable?.diversity) candidates = diversify(candidates, r.maxPerDocument, r.diversityWindow);
    return { query, candidates: candidates.slice(0, Math.max(options.topK, r.diversityWindow)) };
  }

  /**
   * The question's match with each chunk's document taken whole
   * (src/query/document-context.ts): `of(i)` is the best relative score among
   * the documents holding chunk `i` or a copy of it, `expand` the chunks of
   * the best documents.
   */
  function documentScores(query: AnalyzedQuery, allowIdx: ((i: number) => boolean) | undefined, copies: CopyGroups | null, options: RetrievalOptions) {
    const none = { of: (_i: number) => 0, expand: [] as number[] };
    // Scored on the replica's postings; when the database serves the lexical search it alone decides what matches.
    if (options.disable?.documentContext || options.disable?.lexical || search.lexical !== undefined || query.terms.length === 0) return none;
    const r = tuning.retrieval;
    const docs = documentContextOf(index);
    const allowDoc = allowIdx ? (d: number) => docs.chunksOf(d).some(allowIdx) : undefined;
    const ranked = docs.rank(query.terms, r.documentCandidates, allowDoc);
    if (ranked.length === 0) return none;
    const relative = new Map(ranked.map((h) => [h.doc, h.relative]));
    const expand: number[] = [];
    for (const h of ranked.slice(0, r.documentsExpanded)) {
      for (const i of docs.chunksOf(h.doc)) if (!allowIdx || allowIdx(i)) expand.push(i);
    }
    return {
      of(i: number): number {
        let best = 0;
        for (const m of copies ? copies.membersOf(i) : [i]) best = Math.max(best, relative.get(docs.documentOf(m)) ?? 0);
        return best;
      },
      expand,
    };
  }

  function showCopy(c: Candidate, copies: CopyGroups, readable?: (i: number) => boolean, prefer?: (chunk: Chunk) => boolean): Candidate {
    const { shown, others } = chooseCopy(copies, c.index, readable, prefer ? (i) => prefer(index.chunks[i]!) : undefined);
    return shown === c.index ? { ...c, copies: others } : { ...c, chunk: index.chunks[shown]!, index: shown, copies: others };
  }

  return { analyze, retrieve, chunkTerms };
}

/** Within the first `window` results allow at most `maxPerDoc` chunks per document; the rest move down, not out. */
function diversify<T extends { chunk: Chunk }>(ranked: T[], maxPerDoc: number, window: number): T[] {
  const head: T[] = [];
  const deferred: T[] = [];
  const perDoc = new Map<string, number>();
  for (const c of ranked) {
    const n = perDoc.get(c.chunk.documentId) ?? 0;
    if (head.length < window && n >= maxPerDoc) {
      deferred.push(c);
      continue;
    }
    perDoc.set(c.chunk.documentId, n + 1);
    head.push(c);
  }
  // Deferred items go after the window, before the rest of the tail, keeping their relative order.
  const inWindow = head.slice(0, window);
  const tail = head.slice(window);
  return [...inWindow, ...deferred, ...tail];
}

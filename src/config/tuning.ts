/**
 * Every tuning knob, with its default, sensible range and what raising it does.
 * Values here are product defaults, not per-deployment settings; the index
 * manifest records the chunking knobs so a changed value forces a rebuild.
 */
export const tuning = {
  chunking: {
    /** Aim for chunks of about this many characters (300–2000). Larger: more context per citation, blurrier ranking. */
    targetChars: 900,
    /** Never grow a chunk past this unless one block alone is longer (600–4000). */
    maxChars: 1600,
    /** A numbered procedure is kept whole up to this size (1000–6000); longer ones are split between steps. */
    maxProcedureChars: 3000,
    /** Chunks shorter than this merge into the next sibling section (0–600). */
    minChars: 250,
  },
  retrieval: {
    /** Candidates taken from each retriever before fusion (20–200). Higher: better recall, slower. */
    candidates: 60,
    /** HNSW ef at query time (candidates–500). Higher: more exact vector search, slower. */
    hnswEf: 120,
    /** Reciprocal rank fusion constant (10–100). Lower: top ranks dominate more. */
    rrfK: 60,
    /** Weight of the lexical ranking in fusion relative to the dense one (0–3). */
    lexicalWeight: 1.0,
    /** Weight of the dense ranking in fusion (0–3). */
    denseWeight: 1.0,
    /** Max passages from one document among the first `diversityWindow` results (1–10). Lower: more documents represented. */
    maxPerDocument: 3,
    diversityWindow: 10,
    /**
     * Weight of the chunk's document, scored whole, in the final ranking
     * (src/query/document-context.ts): the best document adds this much to each
     * of its chunks, others their share of the best score (0–1.5). Raising it:
     * the right routine wins more often, but a long document that repeats the
     * question's words can push a better passage of another document down.
     */
    documentWeight: 0.5,
    /** Documents scored whole per question (10–200). */
    documentCandidates: 50,
    /** The chunks of this many best documents join the candidates (0–20). Higher: more chunks reranked, slower. */
    documentsExpanded: 5,
  },
  lexical: {
    /** BM25 term-frequency saturation (1.0–2.0). */
    k1: 1.2,
    /** BM25 length normalisation (0–1). */
    b: 0.75,
    /** Field boosts: a term in the title or heading path counts this many times a body occurrence. */
    titleBoost: 2.0,
    headingBoost: 2.5,
  },
  abstention: {
    /**
     * Minimum confidence (0..1) to answer; below it Rutinsvar abstains.
     * Confidence = concept coverage of the question by the best of the top
     * three passages (title, file name and headings included): the
     * idf-weighted share of the question's content words found there.
     *
     * How it was chosen: we computed this coverage for every question of both
     * evaluation sets (../shared/dev-eval and eval/questions-corpus.jsonl, 51
     * answerable, 9 unanswerable). Answerable questions spread from 0.29 to
     * 1.0 (median 0.69); unanswerable ones from 0.41 to 0.75, because they are
     * mostly near misses that share the topic. No threshold separates the two,
     * so coverage is used only to catch off-topic questions: 0.35 keeps wrong
     * abstentions on answerable questions at or under 5 % (2 of 51 fall below
     * it). Near misses are caught by the unseen-noun, focus and answer-type
     * checks in src/query/answer.ts (DESIGN.md, "Abstention").
     * Raising it: fewer answers to off-topic questions, more wrong abstentions.
     * Range 0.2–0.6.
     */
    minConfidence: 0.35,
  },

} as const;

export type Tuning = typeof tuning;

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
    /**
     * Two documents are versions of one routine when at least this share of
     * their word 4-grams agree (MinHash estimate; src/query/routine-versions.ts),
     * and with options.unit the reader's unit's version is ranked before the
     * other units' (0.3–0.9). Measured on the routine library (2026-12-06):
     * unit versions of one routine 0.61–0.76, different routines at most 0.12.
     * Lower: unrelated routines start to count as versions; higher: edited
     * versions stop counting.
     */
    versionSimilarity: 0.4,
    /**
     * With LEXICAL_SEARCH=postgres, each alternative of a question word becomes
     * a group of corpus surface words for PostgreSQL's full-text search
     * (src/query/text-search-query.ts): the word's own inflections first, then
     * compounds containing it, up to this many (16–128). Raising it: more
     * compounds found through a part, longer SQL queries. Added with the
     * full-text backend in b87190d (measured as a whole there: dev set recall@5
     * 0.923, corpus set recall@5 0.90 against BM25F's 0.94); no measurement of
     * the value itself.
     */
    fullTextWordsPerGroup: 48,
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
  rerank: {
    /**
     * Weight of the question's concept coverage (src/query/coverage.ts) against
     * the fused rank score in the final ranking (src/query/retrieve.ts), 0–1.5.
     * Raising it: passages holding more of the question's words win over those
     * both retrievers ranked high. In place since the first hybrid retrieval (74fc102).
     */
    coverageWeight: 0.6,
    /**
     * Weight of the question's coverage by the chunk's own section headings
     * (not the document title, which every chunk of the document shares), 0–0.5:
     * among the sections of a matching document, "Så beställer du tolk" answers
     * "Hur beställer jag tolk?" rather than "Kostnader och fakturor". Added at
     * 0.2 in 32d4019: corpus set MRR 0.755 → 0.821, dev set unchanged.
     * Raising it: headings outweigh what the passage itself says.
     */
    sectionHeadingWeight: 0.2,
    /**
     * Bonus for a passage holding the kind of fact asked for (a date for "när",
     * a number for "hur många"), 0–0.4. Added at 0.15 in 0762776 (dev recall@5
     * 0.904, MRR 0.859). Raising it: any passage with a number or date climbs,
     * relevant or not.
     */
    answerTypeWeight: 0.15,
    /**
     * Score bonus of the reader's own unit's passages (options.unit;
     * src/access/unit-scope.ts, passed to retrieval as preferWeight), on the
     * scale of coverageWeight, 0–0.3: a unit's reworded version of a shared
     * routine can outrank another unit's. Word-for-word copies need no bonus
     * (the copy groups show the own unit's copy). Added at 0.15 in 5f1ab14; no
     * measurement recorded. Raising it: the own unit's passages win even where
     * another unit's answers the question clearly better.
     */
    unitWeight: 0.15,
  },
  /**
   * Weights of a question's term alternatives (src/text/query-weights.ts), 0–1 each,
   * relative to the word as typed. Raising one: passages that only match
   * through that kind of alternative rank closer to those matching the
   * question's own words. Commits named in parentheses hold the measurements.
   * Also how many synonyms a word gets (maxSynonyms).
   */
  queryTerms: {
    /** A term typed by the user. */
    query: 1,
    /** A compound part relative to its word (half: "oro" from "orosanmälan"), 0.3–0.8. */
    compoundPart: 0.5,
    /** A glossary expansion of up to two terms ("EB" → "ekonomiskt bistånd"), 0.5–1. */
    glossary: 0.7,
    /** A question word's dictionary lemma when its term differs from the word's own ("gick" → gå), 0.7–1 (7072b96). */
    lemma: 0.9,
    /**
     * A thesaurus synonym (Synlex, src/text/thesaurus.ts), 0.2–0.5: well under
     * the question's own words, since a synonym list ignores the sense meant
     * ("spy" → kräkas is right, "sen" → långsam is not), and the question's own
     * words must keep deciding the ranking (7072b96).
     */
    thesaurus: 0.35,
    /**
     * At most this many thesaurus synonyms per question word, those the corpus
     * uses, in the thesaurus's order (src/text/query-lemma-synonyms.ts), 1–8.
     * Added at 4 with the synonyms in 7072b96 ("at most four per word"); no
     * measurement of the value recorded. Raising it: more, and more distant,
     * senses of a word match, each diluting the word's own ranking.
     */
    maxSynonyms: 4,
    /** A typo correction ("ekonomsikt" → "ekonomiskt"), 0.4–0.9. */
    correction: 0.6,
    /** A spelling variant of a known long word found in the corpus ("webbinariet" → "webinariet"), 0.6–1 (8b9d7ec). */
    variant: 0.8,
    /** A particle verb's joined form ("lämna ut" → "utlämna", found in "utlämnande"), 0.5–1 (166bbf7). */
    particle: 0.8,
    /**
     * Share of weight a particle keeps once it is joined to its verb ("tillbaka"
     * in "rapporteras tillbaka"), 0–0.5 (2bcd75c: corpus set citation precision 0.58 → 0.60).
     */
    particleSelf: 0.3,
    /** Share of weight kept by the words that only ask for a kind of answer ("lång" in "hur lång tid"), 0–0.5 (166bbf7, 94687c2). */
    answerPhrase: 0.3,
    /**
     * A question word that occurs nowhere in the corpus cannot tell passages
     * apart. If it is a verb form or adverb ("hölls", "faktiskt") it is mostly
     * phrasing and keeps this share of the weight of the rarest indexed word
     * (src/query/analysis.ts), 0–1; an unseen noun ("färdtjänst") keeps its full
     * weight, since it names something the documents never mention. Raising it:
     * phrasing words pull the ranking more (8b346e7).
     */
    unseenConcept: 0.35,
  },
  /**
   * Typo tolerance (src/text/fuzzy.ts, src/text/query-typos.ts): how many edits a
   * misspelt question word may be from a corpus word, by its length, and how many
   * corrections and spelling variants it gets. Written with the typo index in
   * 2dbcc86; no commit measured the values (DESIGN.md's ablation of typo
   * tolerance as a whole: judge sets recall@5 −0.010, must-include −0.006 without it).
   */
  typos: {
    /** Words shorter than this are never corrected: too many neighbours (4–6). Lowering it: more wrong corrections of short words. */
    minCorrectableLength: 5,
    /** From this length two edits are allowed, below it one (6–10). Lowering it: more distant, and more often wrong, corrections. */
    twoEditsFromLength: 8,
    /**
     * At most this many corrections per misspelt word, all at the best distance
     * found (1–4). Written with the typo index in 2dbcc86; no measurement
     * recorded. Raising it: a typo with several equally close words matches
     * more of them, most of them wrong.
     */
    maxCorrections: 2,
    /**
     * A word the corpus knows, at least this long, also matches its one-edit
     * spelling variants in the corpus ("webbinariet" → "webinariet"), at
     * queryTerms.variant, 7–12. Added at 9 in 8b9d7ec; no measurement of the
     * value recorded. Lowering it: shorter words also meet one-edit
     * neighbours that are other words, not spellings of the same one.
     */
    minVariantLength: 9,
  },
  /**
   * Compound splitting (src/text/compounds.ts). Index side: the parts are index
   * terms, and the index manifest does not record these numbers, so changing
   * one needs a bump of TEXT_ANALYZER_VERSION (src/text/analyze.ts). Written
   * with the splitter (74fc102; maxPartCostKnownWord in 2dbcc86, the head
   * lengths in 8b346e7); no commit measured the values. Lowering the lengths:
   * more words split, into shorter and more often accidental parts.
   */
  compounds: {
    /** Least length of any part (2–4). */
    minPart: 3,
    /** Least length of a part of a word that is itself in the dictionary (3–6): keeps "kom|munen", "handlägga|ren" whole. */
    minPartKnownWord: 4,
    /** Highest cost of a part of a dictionary word (0–2): 0 a form the dictionary allows in compounds, 1 a linking -s or a plain word, 2 a guessed linking vowel. */
    maxPartCostKnownWord: 1,
    /**
     * Below this length a word is never split (two parts of minPart need 6), 6–8;
     * also the shortest token whose parts the analysis asks for (partsOf in
     * src/text/text-context.ts; until issue 18 its own MIN_COMPOUND_TOKEN = 6
     * there, from 2dbcc86).
     */
    minSplitLength: 6,
    /** Least length of a last part not in SHORT_HEADS (src/text/compounds.ts), 4–6: "kvinno|frid" needs that list. */
    minHead: 5,
    /** Least length of the last part of a word that is itself in the dictionary (4–6). */
    minHeadKnownWord: 5,
  },
  evidence: {
    /** Passages whose sentences are considered, best first (3–10). Higher: more candidates, slower, more off-topic pieces. */
    passages: 5,
    /** Pieces in an answer at most (1–4). */
    maxPieces: 2,
    /** A further piece must score at least this share of the best one (0.5–0.9). Lower: longer answers, more loosely related pieces. */
    relativeFloor: 0.7,
    /** Longest piece, in characters, that is not a procedure (300–1200). */
    maxPieceChars: 600,
    /**
     * Score of a piece (src/query/evidence.ts) = (sentenceCoverage × what the
     * piece itself covers of the question + contextCoverage × its coverage with
     * the chunk's title and headings added) × rank prior × length factor ×
     * information factor × bonuses. The two weights sum to 1; raising the first
     * (0.5–0.9) favours pieces that say the question's words themselves.
     */
    sentenceCoverage: 0.65,
    contextCoverage: 0.35,
    /** Each lower-ranked passage loses this share of its pieces' score (rank prior 1 − rank × step), 0–0.2: the ranking already weighed headings and both retrievers. */
    rankPriorStep: 0.08,
    /** A piece with fewer index terms than `fullLengthTerms` scores from this share upwards (0–1); very short fragments (headings, table cells) say little on their own. */
    shortPieceFloor: 0.5,
    fullLengthTerms: 4,
    /** Score multiplier for a piece that holds the kind of fact asked for (a number, a date), 1–2 (8b346e7). */
    answerTypeBonus: 1.35,
    /** Score multiplier for a numbered procedure, 1–1.5. */
    procedureBonus: 1.1,
    /** Score multiplier for a two-sentence window, so a pair must add something to beat its best sentence, 0.8–1 (8b346e7). */
    pairFactor: 0.93,
    /** A piece holding the asked-for number or time leads if it scores at least this share of the best piece, 0.5–1 (f35d626). */
    typedLeadFloor: 0.75,
    /** A numbered procedure leads a "how" answer if it scores at least this share of the best piece, 0.4–1 (40a6363: corpus set citation precision 0.52 → 0.58, must-include 0.64 → 0.71). */
    procedureLeadFloor: 0.6,
    /** A piece answers a part of a two-part question when it covers at least this share of what the part asks beyond the other parts (more than one of two words), 0.5–1 (f558eaf). */
    partCoverage: 0.6,
    /**
     * A sentence that only repeats the question answers nothing (informationFactor):
     * a question line scores × `questionLine`; a sentence whose share of terms
     * beyond the question's is under `fewNovelShare` scores × `fewNovelFactor`,
     * under `someNovelShare` × `someNovelFactor`, else × 1.
     */
    information: { questionLine: 0.3, fewNovelShare: 0.25, fewNovelFactor: 0.4, someNovelShare: 0.4, someNovelFactor: 0.75 },
    /**
     * A "varför" answer is extended by the next sentence of its chunk when that
     * sentence gives the reason and is at most this many characters (200–800).
     * Added at 400 in 2f9c7f8 (dev must-include 0.769 → 0.808 for the extension
     * as a whole); no measurement of the length. Raising it: longer answers,
     * with reason sentences that wander off.
     */
    maxReasonChars: 400,
    /**
     * A short line standing alone between blank lines, starting with a capital
     * (or a section number) and without final punctuation, is the heading of a
     * subsection merged into the chunk and is never quoted, if it has at most
     * `maxChars` characters (40–120) and `maxWords` words (6–15). Added in
     * 40a6363 (corpus set citation precision 0.52 → 0.58, must-include 0.64 →
     * 0.71, dev set unchanged, for the whole commit with procedureLeadFloor); no
     * measurement of the values. Raising them: longer unpunctuated lines (a
     * caption, a short list line) count as headings and are never quoted.
     */
    subheading: { maxChars: 80, maxWords: 10 },
  },
  abstention: {
    /**
     * Minimum confidence (0..1) to answer; below it Rutinsvar abstains.
     * Confidence = concept coverage of the question by the best of the top
     * three passages (`confidencePassages`; title, file name and headings
     * included): the idf-weighted share of the question's content words found there.
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
    /**
     * Top-ranked passages whose best coverage is the confidence (1–10;
     * src/query/answer.ts confidenceOf). In place since the scaffold (74fc102);
     * minConfidence was chosen with it at 3, so change the two together.
     * Raising it: a passage further down can lift the confidence, so fewer
     * abstentions, also on off-topic questions.
     */
    confidencePassages: 3,
    /**
     * A noun of the question that occurs nowhere in the corpus is its unseen
     * topic (the unseenNoun signal, src/query/analysis.ts) only when the
     * question has at most this many content words the corpus knows (2–8): in
     * a short question it is the topic ("Hur ansöker man om färdtjänst?"), in a
     * longer scenario a detail ("… äter lunch hos sin dotter …") and coverage
     * decides. Added at 4 in 18b1ae5 (styrdokument set MRR 0.671 → 0.686, wrong
     * abstentions 8.8 % → 5.9 %, for the whole commit). Raising it: long
     * questions are refused over one unknown word more often.
     */
    maxKnownWithUnseenTopic: 4,
    /**
     * Unseen words shorter than this (abbreviations, "eu") are too ambiguous
     * to count as an unseen noun (3–7); an acronym typed in capitals counts
     * anyway. Added at 5 in 2d69ac2; no measurement recorded. Lowering it:
     * short unknown words refuse more questions.
     */
    minUnseenNoun: 5,
  },
  /**
   * Follow-up questions (src/query/condense.ts): when a question leans on the
   * earlier ones for its topic, and how far back it looks.
   */
  followUp: {
    /**
     * A question with no topic word of its own (no noun, no word the
     * dictionary lacks) and at most this many content words is elliptical
     * ("Hur ofta?", "Vem betalar?"), 0–3. Set in 1551347 (was 3 without the
     * topic-word check): on own pairs over the 1,143-routine library a
     * standalone question after an unrelated turn retrieves as alone 0/12 →
     * 12/12, follow-ups still use the conversation 12/12 → 12/12 (held out:
     * 8/8 and 7/8), for the whole commit. Raising it: more questions borrow
     * an earlier topic.
     */
    maxTopiclessContentWords: 1,
    /**
     * Earlier user questions a follow-up takes as context at most (1–4), so a
     * chain "Och vem …?" → "Hur länge …?" still reaches the topic. Added at 2 in
     * 2bcd75c (dev set unchanged, corpus set citation precision 0.58 → 0.60, for
     * the whole commit). Raising it: older, perhaps unrelated, questions steer retrieval.
     */
    maxContextQuestions: 2,
  },
  /**
   * The model-written answer (LLM_PROVIDER set; src/query/compose-llm.ts,
   * prompts.ts, verify-citations.ts): what the model is shown and which of its
   * sentences are kept. The eval suite answers without a language model, so it
   * measures none of these.
   */
  generative: {
    /**
     * Passages shown to the model as numbered sources, best first (3–10); the
     * chunks of the selected evidence are added when not among them. Added at
     * 5 in 12a4949; no measurement recorded. Raising it: more context for the
     * model, longer prompts, more passages it may cite for the wrong claim.
     */
    maxSources: 5,
    /**
     * Earlier conversation turns in the prompt, the latest ones, user and
     * Rutinsvar turns counted alike (0–10). Added at 4 (two exchanges) in
     * 8b346e7; no measurement recorded. Raising it: the model sees more of the
     * conversation, in a longer prompt, and older topics can leak into the answer.
     */
    historyTurns: 4,
    /** Each earlier turn in the prompt is cut to this many characters (200–2000). Added at 600 in 8b346e7, with historyTurns; no measurement recorded. */
    historyTurnChars: 600,
    /**
     * Share of a sentence's content words that must occur in the passages it
     * cites, or the sentence is removed (0.3–1; src/query/claim-support.ts).
     * Written with the citation check in de8a1b6; no measurement recorded.
     * Raising it removes more paraphrases (and more hallucinations); lowering
     * it lets looser wording through.
     */
    minSupport: 0.6,
    /**
     * When several claims cite one source, its quote spans their supporting
     * sentences if that is at most this many characters, else it is the first
     * claim's sentence alone (300–1500). Written with the citation check in
     * de8a1b6; no measurement recorded. Raising it: longer quotes that hold
     * text no claim used.
     */
    maxQuoteChars: 600,
  },

} as const;

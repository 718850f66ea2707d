/**
 * Weights and limits of a question's term alternatives, side by side so
 * their relative sizes can be read at once. All are knobs of tuning.ts
 * (queryTerms; the correction limits under typos), with range, effect and
 * measurements.
 */
import { tuning } from "../config/tuning.js";

/** Weight of a term typed by the user. */
export const QUERY_WEIGHT = tuning.queryTerms.query;
/** Weight of a compound part relative to its word (half: "oro" from "orosanmälan"). */
export const COMPOUND_PART_WEIGHT = tuning.queryTerms.compoundPart;
/** Weight of a glossary expansion of up to two terms ("EB" → "ekonomiskt bistånd"). */
export const GLOSSARY_WEIGHT = tuning.queryTerms.glossary;
/** Weight of a question word's dictionary lemma when its term differs from the word's own ("gick" → gå). */
export const LEMMA_WEIGHT = tuning.queryTerms.lemma;
/** Weight of a thesaurus synonym (Synlex, src/text/thesaurus.ts); why it is low: tuning.ts. */
export const THESAURUS_WEIGHT = tuning.queryTerms.thesaurus;
/** At most this many synonyms per question word, those the corpus uses, in the thesaurus's order. */
export const MAX_SYNONYMS_PER_TOKEN = tuning.queryTerms.maxSynonyms;
/** Weight of a typo correction ("ekonomsikt" → "ekonomiskt"). */
export const CORRECTION_WEIGHT = tuning.queryTerms.correction;
/** At most this many equally close corrections are added per misspelt token. */
export const MAX_CORRECTIONS_PER_TOKEN = tuning.typos.maxCorrections;
/** Weight of a spelling variant of a known long word found in the corpus ("webbinariet" → "webinariet"). */
export const VARIANT_WEIGHT = tuning.queryTerms.variant;
/** Known words at least this long get their one-edit spelling variants from the corpus. */
export const MIN_VARIANT_LENGTH = tuning.typos.minVariantLength;
/** A particle verb's joined form ("lämna ut" → "utlämna", found in "utlämnande"). */
export const PARTICLE_WEIGHT = tuning.queryTerms.particle;
/** Share of weight a particle keeps once it is joined to its verb ("tillbaka" in "rapporteras tillbaka"). */
export const PARTICLE_SELF_WEIGHT = tuning.queryTerms.particleSelf;
/** Share of weight kept by the words that only ask for a kind of answer ("lång" in "hur lång tid"; answerPhraseTokens). */
export const ANSWER_PHRASE_WEIGHT = tuning.queryTerms.answerPhrase;

/**
 * Swedish language handling: normalisation, stemming, stopwords, compounds,
 * glossary, sentences, typo tolerance and the analyzers built on them.
 */
export { normalize, foldDiacritics, tokenize, tokenizeWithOffsets, type TokenSpan } from "./normalize.js";
export { stem, snowballStem } from "./stem.js";
export { STOPWORDS, QUESTION_WORDS, isStopword } from "./stopwords.js";
export { termOf, isContentToken, contentTokens, contentTerms } from "./terms.js";
export {
  splitCompound,
  compoundParts,
  createCompoundLexicon,
  loadSwedishDictionary,
  type CompoundLexicon,
  type SwedishDictionary,
} from "./compounds.js";
export {
  BUILTIN_GLOSSARY,
  GlossaryError,
  compileGlossary,
  expandWithGlossary,
  findGlossaryMatches,
  parseGlossaryYaml,
  type Glossary,
  type GlossaryEntry,
  type GlossaryMatch,
} from "./glossary.js";
export { defaultGlossary, loadGlossary, mergeGlossaryEntries } from "./default-glossary.js";
export { loadThesaurus, createThesaurus, parseMyThes, THESAURUS_PATH, type Thesaurus } from "./thesaurus.js";
export { lemmaOf, lemmasOf, loadLemmaIndex, parseLemmaData, type LemmaIndex } from "./lemma.js";
export {
  loadAbbreviations,
  abbreviationGlossaryEntries,
  parseAbbreviationsYaml,
  type AbbreviationEntry,
  type AbbreviationGlossaryOptions,
} from "./abbreviations.js";
export {
  loadWordData,
  parseWordData,
  wordDataPath,
  wordList,
  wordsOf,
  WordDataError,
  WORD_DATA_FILES,
  type WordData,
  type WordDataName,
  type WordGroup,
} from "./word-data.js";
export { splitSentences, type SentenceSpan } from "./sentences.js";
export { buildFuzzyIndex, osaDistance, maxEditsFor, type FuzzyIndex, type FuzzyCorrection } from "./fuzzy.js";
export { isProcedureQuestion, questionParts } from "./question.js";
export { isNounLike } from "./word-class.js";
export { answerPhraseTokens, expectedAnswerType, hasAnswerType, isAnswerTypeNoun, questionFocus, type AnswerType } from "./answer-type.js";
export {
  collectVocabulary,
  createTextContext,
  defaultTextContext,
  ALL_TEXT_FEATURES,
  type TextContext,
  type TextContextOptions,
  type TextFeatures,
} from "./text-context.js";
export { analyzeForIndex } from "./index-terms.js";
export { analyzeQuery, analyzeQueryConcepts, type QueryAnalysis, type QueryConcept } from "./query-analysis.js";
export type { QueryTerm, QueryTermSource } from "./query-alternatives.js";
export {
  QUERY_WEIGHT,
  COMPOUND_PART_WEIGHT,
  GLOSSARY_WEIGHT,
  PARTICLE_WEIGHT,
  ANSWER_PHRASE_WEIGHT,
  CORRECTION_WEIGHT,
  MAX_CORRECTIONS_PER_TOKEN,
} from "./query-weights.js";

/**
 * The shared state of the text analysis: glossary, compound lexicon, typo
 * index, known terms and document frequencies, and which analysis steps are
 * on. Both the index side (index-terms.ts) and the question side
 * (query-analysis.ts) read a term through `termFor`, so the two always agree
 * on what a term is.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import { tuning } from "../config/tuning.js";
import { compoundParts, createCompoundLexicon, type CompoundLexicon } from "./compounds.js";
import { buildFuzzyIndex, type FuzzyIndex } from "./fuzzy.js";
import { compileGlossary, type Glossary } from "./glossary.js";
import { defaultGlossary } from "./default-glossary.js";
import { foldDiacritics, tokenize } from "./normalize.js";
import { isNounLike } from "./word-class.js";
import { lemmaOf } from "./lemma.js";
import { loadThesaurus } from "./thesaurus.js";
import { contentTokens, isContentToken, termOf } from "./terms.js";

/** Compound splitting is only tried on tokens at least this long (tuning.ts, compounds.minSplitLength). */
const MIN_COMPOUND_TOKEN = tuning.compounds.minSplitLength;

/** Shared state for analysis: glossary, compound lexicon and typo index. */
export interface TextContext {
  readonly glossary: Glossary;
  readonly lexicon: CompoundLexicon;
  /** Typo index over the vocabulary and glossary words (built on first use). */
  readonly fuzzy: FuzzyIndex;
  /** Vocabulary entries and their terms: a token found here needs no correction. */
  readonly knownTerms: ReadonlySet<string>;
  /** Inverse document frequency of an index term (1 when unknown). */
  idf(term: string): number;
  /** Which analysis steps are on (all by default; switched off only for ablation studies). */
  readonly features: TextFeatures;
  /**
   * Builds the dictionary, word classes, typo index and known terms now, so the first question does
   * not wait for them; one structure per turn of the event loop, since a server opening a new index
   * version is answering meanwhile (issue 15).
   */
  warmUp(): Promise<void>;
}

/**
 * Analysis steps that can be switched off to measure their effect
 * (DESIGN.md ablation table). Stemming and compounds change index terms, so
 * they are part of the analyzer version recorded in the index manifest.
 */
export interface TextFeatures {
  stemming: boolean;
  compounds: boolean;
  glossary: boolean;
  typos: boolean;
  /** Query side: a question word also matches its dictionary lemma's term ("gick" → gå). */
  lemmas: boolean;
  /** Query side: Synlex synonyms of the question's words, at THESAURUS_WEIGHT. */
  thesaurus: boolean;
}

export const ALL_TEXT_FEATURES: TextFeatures = Object.freeze({ stemming: true, compounds: true, glossary: true, typos: true, lemmas: true, thesaurus: true });

export interface TextContextOptions {
  /** Defaults to the built-in glossary; use `loadGlossary(path)` to add `ordlista.yml`. */
  glossary?: Glossary;
  /**
   * Targets of typo correction. Best: the corpus words
   * (`collectVocabulary(chunkTexts)`), so "placeirng" finds "placering".
   * The lexical index's terms also work, less well (stems are shorter than
   * the misspelt word).
   */
  vocabulary?: Iterable<string>;
  /**
   * Corpus words that extend the compound lexicon beyond the dictionary.
   * Changes index terms, so pass the same list when indexing and querying
   * (and bump nothing: it is data, store it with the index). Default: none.
   */
  compoundVocabulary?: Iterable<string>;
  /** Document-frequency weighting for query concepts, e.g. `(t) => lexical.idf(t)`. */
  idf?: (term: string) => number;
  /** Switch analysis steps off (ablation studies only). */
  features?: Partial<TextFeatures>;
}

/** Build a context. Cheap: the dictionary and typo index load on first use. */
export function createTextContext(options: TextContextOptions = {}): TextContext {
  const features: TextFeatures = { ...ALL_TEXT_FEATURES, ...options.features };
  const glossary = features.glossary ? (options.glossary ?? defaultGlossary()) : compileGlossary([]);
  const vocabulary = [...(options.vocabulary ?? [])];
  const compoundVocabulary = [...(options.compoundVocabulary ?? [])];
  const idf = options.idf ?? (() => 1);
  let lexicon: CompoundLexicon | undefined;
  let fuzzy: FuzzyIndex | undefined;
  let knownTerms: Set<string> | undefined;
  const glossaryWords = () =>
    glossary.entries.flatMap((e) => [e.term, ...e.expansions].flatMap((p) => tokenize(p))).filter(isContentToken);
  return {
    glossary,
    idf,
    features,
    get lexicon() {
      return (lexicon ??= createCompoundLexicon(compoundVocabulary));
    },
    get fuzzy() {
      return (fuzzy ??= buildFuzzyIndex([...vocabulary, ...glossaryWords()].filter((w) => /^\p{L}+$/u.test(w))));
    },
    get knownTerms() {
      if (!knownTerms) {
        knownTerms = new Set<string>();
        for (const w of [...vocabulary, ...glossaryWords()]) knownTerms.add(w).add(termFor(w, features));
      }
      return knownTerms;
    },
    async warmUp() {
      const steps = [
        () => this.lexicon,
        () => this.fuzzy,
        () => this.knownTerms,
        () => isNounLike("rutin"),
        // The thesaurus (~90 ms) and the lemma table (~300 ms) load on first use: not in the first question.
        () => features.thesaurus && loadThesaurus(),
        () => features.lemmas && lemmaOf("rutiner"),
      ];
      for (const step of steps) {
        await nextTurn();
        step();
      }
    },
  };
}

let defaultContext: TextContext | undefined;
/** A context with the built-in glossary and no corpus vocabulary (memoised). */
export function defaultTextContext(): TextContext {
  return (defaultContext ??= createTextContext());
}

/**
 * The corpus vocabulary: distinct content tokens of the given texts, sorted.
 * Suitable as `vocabulary` or `compoundVocabulary`.
 */
export function collectVocabulary(texts: Iterable<string>): string[] {
  const set = new Set<string>();
  for (const text of texts) for (const t of contentTokens(text)) set.add(t);
  return [...set].sort();
}

/** The index term of a token under the context's features (stemming can be switched off). */
export function termFor(token: string, features: TextFeatures): string {
  return features.stemming ? termOf(token) : foldDiacritics(token);
}

/** The compound parts of a token that are content words, when compounds are on and the token is a long word. */
export function partsOf(token: string, ctx: TextContext): string[] {
  if (!ctx.features.compounds) return [];
  if (token.length < MIN_COMPOUND_TOKEN || !/^\p{L}+$/u.test(token)) return [];
  return compoundParts(token, ctx.lexicon).filter(isContentToken);
}

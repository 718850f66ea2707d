/**
 * The one entry point for turning text into index terms and questions into
 * weighted query terms. Indexing and querying share `termOf` (stem + fold) and
 * the compound splitter, so both sides always agree on what a term is.
 *
 * Index side: each content token's term plus the terms of its compound parts.
 * The glossary and typo correction are query-side only, so editing
 * `ordlista.yml` never requires re-indexing.
 */
import { tuning } from "../config/tuning.js";
import { compoundParts, createCompoundLexicon, type CompoundLexicon } from "./compounds.js";
import { buildFuzzyIndex, type FuzzyCorrection, type FuzzyIndex } from "./fuzzy.js";
import { compileGlossary, findGlossaryMatches, type Glossary } from "./glossary.js";
import { defaultGlossary } from "./default-glossary.js";
import { answerPhraseTokens } from "./answer-type.js";
import { foldDiacritics, tokenize } from "./normalize.js";
import { QUESTION_WORDS } from "./stopwords.js";
import { isNounLike } from "./word-class.js";
import { lemmaOf } from "./lemma.js";
import { loadThesaurus } from "./thesaurus.js";
import { contentTokens, isContentToken, termOf } from "./terms.js";

/**
 * Version of the index-side analysis. Bump it whenever `analyzeForIndex`
 * would produce different terms, so old indexes are rejected instead of
 * silently matching nothing. sv-5: control blocks ("Dokumentet är beslutat av: …")
 * are taken out of the chunks (ingest/control-block.ts), so chunks changed too.
 * sv-6: "n/m" page markers leave the text and "| A | B |" rows become table rows (ingest/parse).
 */
export const TEXT_ANALYZER_VERSION = "sv-6";

// The weights of a question's term alternatives are knobs of tuning.ts (queryTerms), with range, effect and measurements.
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
export const MAX_SYNONYMS_PER_TOKEN = 4;
/** Weight of a typo correction ("ekonomsikt" → "ekonomiskt"). */
export const CORRECTION_WEIGHT = tuning.queryTerms.correction;
/** At most this many equally close corrections are added per misspelt token. */
export const MAX_CORRECTIONS_PER_TOKEN = 2;
/** Weight of a spelling variant of a known long word found in the corpus ("webbinariet" → "webinariet"). */
export const VARIANT_WEIGHT = tuning.queryTerms.variant;
/** A particle verb's joined form ("lämna ut" → "utlämna", found in "utlämnande"). */
export const PARTICLE_WEIGHT = tuning.queryTerms.particle;
/** Share of weight a particle keeps once it is joined to its verb ("tillbaka" in "rapporteras tillbaka"). */
export const PARTICLE_SELF_WEIGHT = tuning.queryTerms.particleSelf;
/** Share of weight kept by the words that only ask for a kind of answer ("lång" in "hur lång tid"; answerPhraseTokens). */
export const ANSWER_PHRASE_WEIGHT = tuning.queryTerms.answerPhrase;

/**
 * Verb particles that Swedish joins to the front of the verb in nouns and
 * participles: "lämna ut" / "utlämnande", "följa upp" / "uppföljning",
 * "skriva in" / "inskrivning", "ta emot" / "mottagande".
 */
const PARTICLES: ReadonlyMap<string, string> = new Map([
  ["ut", "ut"], ["upp", "upp"], ["in", "in"], ["av", "av"], ["över", "över"], ["fram", "fram"], ["bort", "bort"],
  ["ner", "ned"], ["ned", "ned"], ["emot", "mot"], ["tillbaka", "åter"], ["om", "om"], ["till", "till"], ["på", "på"],
]);
const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(["jag", "du", "vi", "ni", "man", "de", "dom", "han", "hon", "hen", "den", "det"]);
/** Known words at least this long get their one-edit spelling variants from the corpus. */
export const MIN_VARIANT_LENGTH = 9;
/** Compound splitting is only tried on tokens at least this long. */
const MIN_COMPOUND_TOKEN = 6;

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
  /** Builds the dictionary, word classes, typo index and known terms now, so the first question does not wait for them. */
  warmUp(): void;
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

/** The analyzer version for a feature set: index terms from another version would not match. */
export function analyzerVersion(features: TextFeatures = ALL_TEXT_FEATURES): string {
  const off = [!features.stemming && "nostem", !features.compounds && "nocompounds"].filter(Boolean);
  return [TEXT_ANALYZER_VERSION, ...off].join("+");
}

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
    warmUp() {
      void this.lexicon;
      void this.fuzzy;
      void this.knownTerms;
      isNounLike("rutin");
      // The thesaurus (~90 ms) and the lemma table (~300 ms) load on first use: not in the first question.
      if (features.thesaurus) loadThesaurus();
      if (features.lemmas) lemmaOf("rutiner");
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
function termFor(token: string, features: TextFeatures): string {
  return features.stemming ? termOf(token) : foldDiacritics(token);
}

function partsOf(token: string, ctx: TextContext): string[] {
  if (!ctx.features.compounds) return [];
  if (token.length < MIN_COMPOUND_TOKEN || !/^\p{L}+$/u.test(token)) return [];
  return compoundParts(token, ctx.lexicon).filter(isContentToken);
}

/**
 * Index terms of `text`, in order and with repeats (term frequency matters):
 * the term of each content token followed by the terms of its compound parts.
 */
export function analyzeForIndex(text: string, ctx: TextContext = defaultTextContext()): string[] {
  const out: string[] = [];
  const cache = tokenTermCache(ctx);
  for (const token of contentTokens(text)) {
    let terms = cache.get(token);
    if (!terms) {
      const whole = termFor(token, ctx.features);
      const list = [whole];
      for (const part of partsOf(token, ctx)) {
        const t = termFor(part, ctx.features);
        if (t !== whole) list.push(t);
      }
      terms = list;
      // Bounded: a corpus has far fewer distinct words, but hostile input could have more.
      if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
      cache.set(token, terms);
    }
    for (const t of terms) out.push(t);
  }
  return out;
}

/** Distinct tokens whose index terms are remembered per context (stemming and splitting dominate analysis time). */
const MAX_CACHED_TOKENS = 200_000;
const tokenTermCaches = new WeakMap<TextContext, Map<string, readonly string[]>>();
function tokenTermCache(ctx: TextContext): Map<string, readonly string[]> {
  let cache = tokenTermCaches.get(ctx);
  if (!cache) tokenTermCaches.set(ctx, (cache = new Map()));
  return cache;
}

/** Where a query term came from, for explanations and debugging. */
export type QueryTermSource = "query" | "compound" | "glossary" | "correction" | "particle" | "lemma" | "thesaurus";

export interface QueryTerm {
  term: string;
  weight: number;
  source: QueryTermSource;
}

/**
 * One content word of the question with every index term that would count as
 * finding it: its own term (1), compound parts, glossary expansions and typo
 * corrections (lower weights). Coverage scoring takes the best alternative.
 */
export interface QueryConcept {
  /** The word as typed (lower-case). */
  token: string;
  /** Its own index term. */
  term: string;
  /** Inverse document frequency of `term` (from the context; 1 without one). */
  idf: number;
  alternatives: QueryTerm[];
}

export interface QueryAnalysis {
  /** Distinct terms with their highest weight, in order of first appearance. */
  terms: QueryTerm[];
  concepts: QueryConcept[];
  /** Content tokens of the question as typed (lower-case). */
  tokens: string[];
  /** Question words found (hur, vem, när …), for the composer. */
  questionWords: string[];
  /** Typo corrections applied. */
  corrections: { from: string; to: string; distance: number }[];
  /** Glossary phrases recognised and what they added. */
  glossary: { term: string; expansions: string[] }[];
}

class Alternatives {
  readonly byTerm = new Map<string, QueryTerm>();
  add(term: string, weight: number, source: QueryTermSource): void {
    const prev = this.byTerm.get(term);
    if (!prev || weight > prev.weight) this.byTerm.set(term, { term, weight, source });
  }
  list(): QueryTerm[] {
    return [...this.byTerm.values()];
  }
}

function addWord(alts: Alternatives, word: string, weight: number, source: QueryTermSource, ctx: TextContext): void {
  const whole = termFor(word, ctx.features);
  alts.add(whole, weight, source);
  for (const part of partsOf(word, ctx)) {
    const t = termFor(part, ctx.features);
    if (t !== whole) alts.add(t, weight * COMPOUND_PART_WEIGHT, source === "query" ? "compound" : source);
  }
}

/**
 * General Swedish knowledge instead of per-question word lists: the word's
 * dictionary lemma (hunspell's affix rules over dictionary-sv), and the
 * Synlex synonyms of that lemma that the corpus uses. Synonyms the corpus
 * never uses could not match anything and would only dilute coverage.
 */
function addLemmaAndSynonyms(alts: Alternatives, word: string, ctx: TextContext): void {
  if (!/^\p{L}{3,}$/u.test(word) || (!ctx.features.lemmas && !ctx.features.thesaurus)) return;
  const lemma = ctx.features.lemmas ? (lemmaOf(word) ?? word) : word;
  const own = termFor(word, ctx.features);
  // Only where the word's own term finds nothing: a derived word's lemma ("ekonomiskt" → ekonom)
  // is another concept, and adding it to every word lowered recall on the routine dev set (0.586 → 0.557).
  if (ctx.features.lemmas && lemma !== word && ctx.knownTerms.size > 0 && !ctx.knownTerms.has(own)) {
    alts.add(termFor(lemma, ctx.features), LEMMA_WEIGHT, "lemma");
  }
  if (!ctx.features.thesaurus || ctx.knownTerms.size === 0) return;
  let added = 0;
  for (const synonym of loadThesaurus().synonyms(lemma)) {
    if (added >= MAX_SYNONYMS_PER_TOKEN) break;
    if (!isContentToken(synonym)) continue;
    const t = termFor(synonym, ctx.features);
    if (t === own || !ctx.knownTerms.has(t)) continue;
    alts.add(t, THESAURUS_WEIGHT, "thesaurus");
    added++;
  }
}

function isKnown(token: string, ctx: TextContext): boolean {
  return ctx.knownTerms.has(token) || ctx.knownTerms.has(termFor(token, ctx.features)) || ctx.lexicon.dictionary.words.has(token);
}

/** Closest vocabulary entries for an unknown token, trying the word and then its term. */
function correctionsFor(token: string, ctx: TextContext): FuzzyCorrection[] {
  if (!ctx.features.typos) return [];
  const limit = MAX_CORRECTIONS_PER_TOKEN + 1;
  let found = ctx.fuzzy.correct(token, { limit });
  if (found.length === 0) found = ctx.fuzzy.correct(termFor(token, ctx.features), { limit });
  const best = found[0]?.distance;
  return found.filter((c) => c.distance === best).slice(0, MAX_CORRECTIONS_PER_TOKEN);
}

/**
 * Analyse a question into concepts, one per content word. See
 * {@link QueryConcept}; {@link analyzeQuery} adds the flat term list.
 */
export function analyzeQueryConcepts(text: string, ctx: TextContext = defaultTextContext()): QueryConcept[] {
  return analyzeQuery(text, ctx).concepts;
}

/**
 * Weighted query terms for a question: its own terms (weight 1), compound
 * parts (0.5), glossary expansions (0.7) and typo corrections against the
 * vocabulary (0.6), grouped per question word in `concepts`.
 */
export function analyzeQuery(text: string, ctx: TextContext = defaultTextContext()): QueryAnalysis {
  const all = tokenize(text);
  const tokens = all.filter(isContentToken);
  const alts = tokens.map(() => new Alternatives());

  const corrections: QueryAnalysis["corrections"] = [];
  const corrected = tokens.map((token, i) => {
    const alt = alts[i]!;
    const best = token.length < 5 || !/^\p{L}+$/u.test(token) || isKnown(token, ctx) ? [] : correctionsFor(token, ctx);
    // A near-certain typo ("ekonomsikt") splits into nonsense parts ("ekonom" + "sikt"):
    // keep its own term but take the parts from the correction instead.
    if (best.length > 0 && best[0]!.distance <= 1) alt.add(termFor(token, ctx.features), QUERY_WEIGHT, "query");
    else addWord(alt, token, QUERY_WEIGHT, "query", ctx);
    for (const c of best) {
      corrections.push({ from: token, to: c.term, distance: c.distance });
      // The vocabulary may hold index terms (already final: use as is) or words (analyse them).
      if (termFor(c.term, ctx.features) === c.term) alt.add(c.term, CORRECTION_WEIGHT, "correction");
      else addWord(alt, c.term, CORRECTION_WEIGHT, "correction", ctx);
    }
    if (best.length === 0 && ctx.features.typos && token.length >= MIN_VARIANT_LENGTH && /^\p{L}+$/u.test(token)) {
      // Documents spell the same word two ways ("webbinarium"/"webinarium"); a known word
      // also matches its one-edit variants in the corpus, at a lower weight.
      for (const v of ctx.fuzzy.correct(token, { variants: true, maxEdits: 1, limit: 2 })) {
        const t = termFor(v.term, ctx.features);
        if (t !== termFor(token, ctx.features)) alt.add(t, VARIANT_WEIGHT, "correction");
      }
    }
    return best[0]?.term ?? token;
  });

  const glossaryHits: QueryAnalysis["glossary"] = [];
  const expand = (sequence: string[], factor: number) => {
    for (const match of findGlossaryMatches(sequence.map(termOf), ctx.glossary)) {
      if (!glossaryHits.some((h) => h.term === match.term)) glossaryHits.push({ term: match.term, expansions: match.expansions });
      for (const phrase of match.expansions) {
        const words = contentTokens(phrase);
        // Back to an abbreviation or synonym ("ekonomiskt bistånd" → "EB", "socialbidrag"):
        // only single words, spelling variants like "ek bistånd" add nothing but noise.
        if (match.reverse && words.length !== 1) continue;
        // Long expansions ("lagen om stöd och service …") should not outweigh the question.
        const weight = GLOSSARY_WEIGHT * factor * Math.min(1, Math.sqrt(2 / Math.max(1, words.length)));
        for (let i = match.start; i < match.end; i++) {
          for (const w of words) {
            // For a reverse match the word itself is the signal; its parts would be noise.
            if (match.reverse) alts[i]!.add(termFor(w, ctx.features), weight, "glossary");
            else addWord(alts[i]!, w, weight, "glossary", ctx);
          }
        }
      }
    }
  };
  expand(tokens, 1);
  if (corrected.some((t, i) => t !== tokens[i])) expand(corrected, CORRECTION_WEIGHT);
  corrected.forEach((word, i) => { addLemmaAndSynonyms(alts[i]!, word, ctx); });

  // Words that are not topics of their own keep only a share of their weight, by content-token position.
  const damped = new Map<number, number>();
  const phrase = answerPhraseTokens(text);
  tokens.forEach((token, i) => {
    if (phrase.has(token)) damped.set(i, ANSWER_PHRASE_WEIGHT);
  });

  // "lämna ut" in the question, "utlämnande" in the routine: the particle follows the verb.
  // The particle itself ("tillbaka" in "rapporteras tillbaka") is part of the verb, not a topic of its own.
  const contentIndexOf = new Map<number, number>();
  all.forEach((word, j) => {
    if (isContentToken(word)) contentIndexOf.set(j, contentIndexOf.size);
  });
  all.forEach((word, j) => {
    const contentIndex = contentIndexOf.get(j);
    if (contentIndex === undefined || !/^\p{L}{3,}$/u.test(word)) return;
    // Questions invert subject and verb: "tar vi emot", "lämnar man ut".
    const at = SUBJECT_PRONOUNS.has(all[j + 1] ?? "") ? j + 2 : j + 1;
    const particle = PARTICLES.get(all[at] ?? "");
    if (!particle) return;
    alts[contentIndex]!.add(termFor(`${particle}${word}`, ctx.features), PARTICLE_WEIGHT, "particle");
    const particleIndex = contentIndexOf.get(at);
    if (particleIndex !== undefined) damped.set(particleIndex, PARTICLE_SELF_WEIGHT);
  });

  const concepts: QueryConcept[] = [];
  const seen = new Set<string>();
  tokens.forEach((token, i) => {
    const term = termFor(token, ctx.features);
    // A word typed twice is one concept.
    if (seen.has(term)) return;
    seen.add(term);
    const share = damped.get(i) ?? 1;
    concepts.push({ token, term, idf: ctx.idf(term) * share, alternatives: alts[i]!.list().map((a) => ({ ...a, weight: a.weight * share })) });
  });

  const merged = new Alternatives();
  for (const c of concepts) for (const a of c.alternatives) merged.add(a.term, a.weight, a.source);
  return {
    terms: merged.list(),
    concepts,
    tokens,
    questionWords: all.filter((t) => QUESTION_WORDS.has(t)),
    corrections,
    glossary: glossaryHits,
  };
}

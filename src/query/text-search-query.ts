/**
 * The question as surface words for a full-text engine that does its own
 * stemming (PostgreSQL `swedish`, LEXICAL_SEARCH=postgres). Our index terms
 * are stemmed further and diacritic-folded ("atgard"), so they would not
 * match that engine's lexemes; the corpus words they stand for do. Each
 * alternative of each question word (its own term, compound parts, glossary
 * expansions, typo corrections and spelling variants, see analysis.ts)
 * becomes one group: the corpus words with that term, weighted like our
 * BM25F query (the word's idf times the alternative's weight). So the
 * engine gets our glossary, typo and inflection handling on the query side;
 * what it cannot get is compound splitting inside the documents.
 */
import { tuning } from "../config/tuning.js";
import { analyzeForIndex, type TextContext } from "../text/index.js";
import type { AnalyzedQuery } from "./analysis.js";
import type { TextQueryGroup } from "./search-backends.js";

/** Surface words per group: the word's own inflections first, then compounds containing it, up to this many (tuning.ts, retrieval). */
const MAX_WORDS_PER_GROUP = tuning.retrieval.fullTextWordsPerGroup;
const WORD = /^[\p{L}\p{N}]+$/u;

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A builder of full-text query groups over `vocabulary` (the corpus words;
 * read and indexed by term on first use, so the replica path never pays).
 */
export function createTextQueryBuilder(vocabulary: () => Iterable<string>, ctx: TextContext): (question: string, query: AnalyzedQuery) => TextQueryGroup[] {
  let byTerm: Map<string, string[]> | undefined;
  const wordsOf = (term: string): string[] => {
    if (!byTerm) {
      // A corpus word counts for every term our analysis gives it: its own and, for a compound, its parts'.
      // PostgreSQL does not split "orosanmälan", so a question about "oro" must name the compound itself.
      const own = new Map<string, string[]>();
      const parts = new Map<string, string[]>();
      for (const w of vocabulary()) {
        if (!WORD.test(w)) continue;
        const [whole, ...rest] = analyzeForIndex(w, ctx);
        if (whole === undefined) continue;
        push(own, whole, w);
        for (const t of rest) push(parts, t, w);
      }
      byTerm = new Map();
      for (const t of new Set([...own.keys(), ...parts.keys()])) {
        byTerm.set(t, [...(own.get(t) ?? []), ...(parts.get(t) ?? [])].slice(0, MAX_WORDS_PER_GROUP));
      }
    }
    return byTerm.get(term) ?? [];
  };

  return (_question, query) => {
    const groups: TextQueryGroup[] = [];
    const seen = new Set<string>();
    for (const concept of query.concepts) {
      for (const alt of concept.alternatives) {
        // The word as typed also goes in: the engine may stem it onto a corpus form our stemmer keeps apart.
        const words = [...new Set([...(alt.source === "query" ? [concept.token] : []), ...wordsOf(alt.term)])].filter((w) => WORD.test(w));
        const weight = concept.idf * alt.weight;
        const key = `${words.join(" ")}|${weight}`;
        if (words.length === 0 || weight <= 0 || seen.has(key)) continue;
        seen.add(key);
        groups.push({ words, weight });
      }
    }
    // The strongest first: the engine may cap the number of groups.
    return groups.sort((a, b) => b.weight - a.weight);
  };
}

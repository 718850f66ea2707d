/**
 * General Swedish knowledge instead of per-question word lists: the word's
 * dictionary lemma (hunspell's affix rules over dictionary-sv), and the
 * Synlex synonyms of that lemma that the corpus uses. Synonyms the corpus
 * never uses could not match anything and would only dilute coverage.
 */
import { lemmaOf } from "./lemma.js";
import type { Alternatives } from "./query-alternatives.js";
import { LEMMA_WEIGHT, MAX_SYNONYMS_PER_TOKEN, THESAURUS_WEIGHT } from "./query-weights.js";
import { termFor, type TextContext } from "./text-context.js";
import { isContentToken } from "./terms.js";
import { loadThesaurus } from "./thesaurus.js";

export function addLemmaAndSynonyms(alts: Alternatives, word: string, ctx: TextContext): void {
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

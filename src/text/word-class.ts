/**
 * Noun or not, from the hunspell dictionary's affix classes: verb lemmas carry
 * the tense classes (M, N, K/L, m), adjectives the comparison classes (O, k,
 * Q); a lemma that can end a compound (Y) without those is a noun. Coverage
 * scoring uses it: a noun in the question that the corpus never mentions
 * ("färdtjänst") is strong evidence the documents do not answer it, while an
 * unseen verb form or adverb ("hölls", "faktiskt") is mostly phrasing.
 */
import { readFileSync } from "node:fs";
import { dictionaryFiles } from "./compounds.js";

const NOT_NOUN = /[mMNKLOkQ]/u;
let nounTerms: Set<string> | undefined;

function load(): Set<string> {
  const terms = new Set<string>();
  const lines = readFileSync(dictionaryFiles().dic, "utf8").split("\n");
  for (let i = 1; i < lines.length; i++) {
    const entry = lines[i]!.split(/\s/u)[0]!;
    const slash = entry.indexOf("/");
    if (slash < 0) continue;
    const word = entry.slice(0, slash);
    const flags = entry.slice(slash + 1);
    if (!/^\p{Ll}[\p{Ll}-]*$/u.test(word) || !flags.includes("Y") || NOT_NOUN.test(flags)) continue;
    terms.add(word);
  }
  return terms;
}

/**
 * True when the token is a noun lemma of the dictionary (or, given `lastPart`,
 * a compound ending in one). Only exact base forms count: stems would turn
 * "slagen" (beaten) into "slag" and "gav" into "gåva".
 */
export function isNounLike(token: string, lastPart?: string): boolean {
  nounTerms ??= load();
  return nounTerms.has(token) || (lastPart !== undefined && nounTerms.has(lastPart));
}

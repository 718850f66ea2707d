/**
 * The glossary used when a deployment brings none of its own: the built-in
 * everyday words and synonyms (src/text/glossary.ts) together with the
 * abbreviation lexicon (src/text/data/abbreviations.yaml, each entry with the
 * source of its meaning). An abbreviation in both keeps the union of their
 * expansions, and is one-way only when both say so.
 */
import { readFileSync } from "node:fs";
import { abbreviationGlossaryEntries } from "./abbreviations.js";
import { BUILTIN_GLOSSARY, compileGlossary, GlossaryError, parseGlossaryYaml, type Glossary, type GlossaryEntry } from "./glossary.js";

export function mergeGlossaryEntries(...lists: readonly (readonly GlossaryEntry[])[]): GlossaryEntry[] {
  const byTerm = new Map<string, GlossaryEntry>();
  for (const list of lists) {
    for (const e of list) {
      const key = e.term.toLowerCase();
      const prev = byTerm.get(key);
      if (!prev) {
        byTerm.set(key, { ...e, expansions: [...e.expansions] });
        continue;
      }
      const expansions = [...prev.expansions, ...e.expansions.filter((x) => !prev.expansions.some((p) => p.toLowerCase() === x.toLowerCase()))];
      const oneWay = (prev.oneWay ?? false) && (e.oneWay ?? false);
      byTerm.set(key, oneWay ? { term: prev.term, expansions, oneWay } : { term: prev.term, expansions });
    }
  }
  return [...byTerm.values()];
}

let merged: Glossary | undefined;

/** Built-in glossary plus the abbreviation lexicon, compiled once. */
export function defaultGlossary(): Glossary {
  return (merged ??= compileGlossary(mergeGlossaryEntries(BUILTIN_GLOSSARY, abbreviationGlossaryEntries())));
}

/**
 * The default glossary merged with an optional municipality file
 * (e.g. `corpus/ordlista.yml`). A missing or malformed file is an error
 * naming the file and the entry. Synchronous: it runs once at start-up.
 */
export function loadGlossary(extraYamlPath?: string | null): Glossary {
  if (extraYamlPath === undefined || extraYamlPath === null) return defaultGlossary();
  let text: string;
  try {
    text = readFileSync(extraYamlPath, "utf8");
  } catch (err) {
    throw new GlossaryError(`Ordlistan ${extraYamlPath} kunde inte läsas: ${(err as Error).message}`, { cause: err });
  }
  return compileGlossary(mergeGlossaryEntries(BUILTIN_GLOSSARY, abbreviationGlossaryEntries(), parseGlossaryYaml(text, extraYamlPath)));
}

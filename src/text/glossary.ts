/**
 * Domain glossary: abbreviations, old names and everyday words staff use for
 * the terms in the routines (EB → ekonomiskt bistånd, soc → socialtjänsten).
 * Matching is on content-term sequences (stemmed, folded, stopwords dropped),
 * so inflections and filler words do not matter: "anmäler jag oro" matches
 * "anmäla oro". Entries work in both directions unless `oneWay` is set, so a
 * question using the long form also finds documents using the abbreviation.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { AppError } from "../core/errors.js";
import { contentTerms } from "./terms.js";
import { loadWordData } from "./word-data.js";

/** One glossary entry as written by people (built-in list or `ordlista.yml`). */
export interface GlossaryEntry {
  term: string;
  expansions: string[];
  /** Only expand `term` → `expansions`, never back. */
  oneWay?: boolean;
}

interface GlossaryRule {
  key: string[];
  from: string;
  expansions: string[];
  /** True when the rule maps a long form back to its abbreviation or synonym. */
  reverse: boolean;
}

/** A compiled glossary, ready for matching. */
export interface Glossary {
  entries: readonly GlossaryEntry[];
  /** First key term → rules starting with it. */
  rules: ReadonlyMap<string, readonly GlossaryRule[]>;
}

/** A glossary hit in a text. */
export interface GlossaryMatch {
  /** The glossary phrase that matched (as written in the glossary). */
  term: string;
  /** Phrases to add to the query. */
  expansions: string[];
  /** True when a long form was mapped back to its abbreviation or synonym. */
  reverse: boolean;
  /** Position of the match in the content-term sequence (end exclusive). */
  start: number;
  end: number;
}

/** A municipality glossary file is missing or malformed. */
export class GlossaryError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("glossary_invalid", message, 500, options);
  }
}

/**
 * Everyday words, old names and synonyms staff use for the terms in the
 * routines, as data: src/text/data/glossary.yaml, each entry with the reason
 * it is there. Abbreviations (SoL, LSS, EB, HVB, SIP, lex Sarah …) are data in
 * src/text/data/abbreviations.yaml, each with the source of its meaning, and
 * join this list in `defaultGlossary()` (src/text/default-glossary.ts).
 */
export const BUILTIN_GLOSSARY: readonly GlossaryEntry[] = loadWordData("glossary").map(({ term, expansions, oneWay }) =>
  oneWay === undefined ? { term, expansions: [...expansions] } : { term, expansions: [...expansions], oneWay },
);

function addRule(rules: Map<string, GlossaryRule[]>, from: string, expansions: string[], reverse: boolean): void {
  const key = contentTerms(from);
  const first = key[0];
  if (first === undefined) return;
  const keyText = key.join(" ");
  const useful = expansions.filter((e) => contentTerms(e).join(" ") !== keyText);
  if (useful.length === 0) return;
  let list = rules.get(first);
  if (!list) rules.set(first, (list = []));
  const same = list.find((r) => r.key.join(" ") === keyText && r.reverse === reverse);
  if (same) {
    for (const e of useful) if (!same.expansions.includes(e)) same.expansions.push(e);
  } else {
    list.push({ key, from, expansions: [...new Set(useful)], reverse });
  }
}

/** Compile entries into match rules (both directions unless `oneWay`). */
export function compileGlossary(entries: readonly GlossaryEntry[]): Glossary {
  const rules = new Map<string, GlossaryRule[]>();
  for (const entry of entries) {
    addRule(rules, entry.term, entry.expansions, false);
    if (entry.oneWay) continue;
    for (const expansion of entry.expansions) addRule(rules, expansion, [entry.term], true);
  }
  return { entries: [...entries], rules };
}

const entrySchema = z.object({
  term: z.string().trim().min(1, "term saknas"),
  expansions: z
    .union([z.string().trim().min(1), z.array(z.string().trim().min(1, "tom expansion")).min(1, "expansions är tom")])
    .transform((v) => (typeof v === "string" ? [v] : v)),
  oneWay: z.boolean().optional(),
});

/**
 * Parse a municipality glossary (YAML list of `{term, expansions, oneWay?}`).
 * `source` names the file in error messages.
 */
export function parseGlossaryYaml(text: string, source: string): GlossaryEntry[] {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new GlossaryError(`Ordlistan ${source} är inte giltig YAML: ${(err as Error).message}`, { cause: err });
  }
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data)) {
    throw new GlossaryError(`Ordlistan ${source} ska vara en YAML-lista med {term, expansions}, fick ${typeof data}.`);
  }
  return data.map((raw, i) => {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      const term = typeof raw === "object" && raw !== null && "term" in raw ? ` (term "${String(raw.term)}")` : "";
      const issues = parsed.error.issues.map((iss) => `${iss.path.join(".") || "posten"}: ${iss.message}`).join("; ");
      throw new GlossaryError(`Ordlistan ${source}: post ${i + 1}${term} är ogiltig: ${issues}`);
    }
    const { term, expansions, oneWay } = parsed.data;
    return oneWay === undefined ? { term, expansions } : { term, expansions, oneWay };
  });
}

/** All glossary phrases found in a content-term sequence (overlaps allowed). */
export function findGlossaryMatches(terms: readonly string[], glossary: Glossary): GlossaryMatch[] {
  const out: GlossaryMatch[] = [];
  terms.forEach((first, i) => {
    for (const rule of glossary.rules.get(first) ?? []) {
      const end = i + rule.key.length;
      if (end > terms.length) continue;
      if (rule.key.every((k, j) => terms[i + j] === k)) {
        out.push({ term: rule.from, expansions: rule.expansions, reverse: rule.reverse, start: i, end });
      }
    }
  });
  return out;
}

/**
 * Extra content-term sequences to add to a query: one per expansion of every
 * glossary phrase found in `text`.
 */
export function expandWithGlossary(text: string, glossary: Glossary): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const m of findGlossaryMatches(contentTerms(text), glossary)) {
    for (const e of m.expansions) {
      const terms = contentTerms(e);
      const k = terms.join(" ");
      if (terms.length > 0 && !seen.has(k)) {
        seen.add(k);
        out.push(terms);
      }
    }
  }
  return out;
}

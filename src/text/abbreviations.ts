/**
 * Abbreviations and jargon of Swedish social services and elderly care, kept
 * as data in src/text/data/abbreviations.yaml: each entry names its term, its
 * expansions and the source of the meaning (statute, authority, termbank or a
 * Botkyrka routine that uses it). The entries feed `compileGlossary` like the
 * built-in glossary's abbreviation entries, which they cover.
 *
 * Entries marked `caseSensitive` are abbreviations whose lower-case spelling
 * is an ordinary word ("BE"/"be", "LOV"/"lov", "JO"/"jo"). The glossary
 * matches lower-cased terms, so `abbreviationGlossaryEntries()` leaves them
 * out unless asked; a caller that matches case-sensitively can include them.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { GlossaryError, type GlossaryEntry } from "./glossary.js";

/** Path of the vendored lexicon. */
const ABBREVIATIONS_PATH = fileURLToPath(new URL("./data/abbreviations.yaml", import.meta.url));

const text = z.string().trim().min(1);

const entrySchema = z
  .object({
    term: text,
    expansions: z.array(text).min(1, "expansions är tom"),
    source: text,
    oneWay: z.boolean().optional(),
    caseSensitive: z.boolean().optional(),
    otherMeanings: z.array(text).min(1).optional(),
    note: text.optional(),
  })
  .strict();

/** One lexicon entry as written in abbreviations.yaml. */
export type AbbreviationEntry = z.infer<typeof entrySchema>;

/**
 * Parse and validate lexicon YAML. Throws a GlossaryError naming the entry
 * when one is malformed, and when two entries share a term (compared
 * NFC-normalised and lower-cased, as the glossary compares them).
 */
export function parseAbbreviationsYaml(source: string, name: string): AbbreviationEntry[] {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (err) {
    throw new GlossaryError(`Förkortningslistan ${name} är inte giltig YAML: ${(err as Error).message}`, { cause: err });
  }
  if (!Array.isArray(data)) throw new GlossaryError(`Förkortningslistan ${name} ska vara en YAML-lista.`);
  const seen = new Map<string, number>();
  return data.map((raw, i) => {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      const term = typeof raw === "object" && raw !== null && "term" in raw ? ` (term "${String(raw.term)}")` : "";
      const issues = parsed.error.issues.map((iss) => `${iss.path.join(".") || "posten"}: ${iss.message}`).join("; ");
      throw new GlossaryError(`Förkortningslistan ${name}: post ${i + 1}${term} är ogiltig: ${issues}`);
    }
    const key = parsed.data.term.normalize("NFC").toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new GlossaryError(`Förkortningslistan ${name}: post ${i + 1} (term "${parsed.data.term}") finns redan som post ${first + 1}.`);
    }
    seen.set(key, i);
    return parsed.data;
  });
}

let cached: readonly AbbreviationEntry[] | undefined;

/** The vendored lexicon, read and validated on first call (memoised). */
export function loadAbbreviations(): readonly AbbreviationEntry[] {
  return (cached ??= Object.freeze(parseAbbreviationsYaml(readFileSync(ABBREVIATIONS_PATH, "utf8"), ABBREVIATIONS_PATH)));
}

/** Options for `abbreviationGlossaryEntries`. */
export interface AbbreviationGlossaryOptions {
  /** Also return entries whose lower-case spelling is an ordinary word. Default false. */
  includeCaseSensitive?: boolean;
}

/** The lexicon as glossary entries (`{term, expansions, oneWay?}`), ready for `compileGlossary`. */
export function abbreviationGlossaryEntries(
  options: AbbreviationGlossaryOptions = {},
  entries: readonly AbbreviationEntry[] = loadAbbreviations(),
): GlossaryEntry[] {
  return entries
    .filter((e) => options.includeCaseSensitive || !e.caseSensitive)
    .map((e) => (e.oneWay ? { term: e.term, expansions: [...e.expansions], oneWay: true } : { term: e.term, expansions: [...e.expansions] }));
}

/**
 * The hand-written Swedish word lists as data: src/text/data/*.yaml, one file
 * per module that uses them (WORD_DATA_FILES below). Every group of words (or
 * every entry, in a file of entries) carries a `reason`: what it fixes, or
 * where it comes from (the commit that added or measured it), so a reader can
 * tell why a word is there before changing it. The abbreviation lexicon
 * (abbreviations.yaml) has its own loader, src/text/abbreviations.ts.
 *
 * A file is read and validated on first use (memoised): malformed YAML, a
 * word that is not lower-case NFC, a group or entry without a reason, a word
 * listed twice in one list, or a pattern that is not a regular expression
 * throws a WordDataError naming the file and the place.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { AppError } from "../core/errors.js";

/** A word data file is missing or malformed. */
export class WordDataError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("word_data_invalid", message, 500, options);
  }
}

const text = z.string().trim().min(1);
const reason = z.string().trim().min(1, "reason saknas");

/** A word as the lists compare it: lower-case NFC, no surrounding spaces. */
const word = z
  .string()
  .min(1, "tomt ord")
  .refine((w) => w === w.trim() && w === w.normalize("NFC").toLowerCase(), "ska vara gemener (NFC) utan omgivande blanksteg");
/** A word or phrase that goes into a regular expression: lower-case letters, single spaces between words. */
const phrase = word.refine((w) => /^\p{Ll}+(?: \p{Ll}+)*$/u.test(w), "bara gemena bokstäver och enkla blanksteg");
/** An inflectional ending; "" stands for the bare word. */
const suffix = z.string().refine((w) => /^\p{Ll}*$/u.test(w), "bara gemena bokstäver");
/** A regular expression source (compiled with the u flag). */
const pattern = z.string().min(1).refine((p) => {
  try {
    new RegExp(p, "u");
    return true;
  } catch {
    return false;
  }
}, "inget giltigt reguljärt uttryck");

/** One named group of words (or endings, or patterns) and why it is in the list. */
export interface WordGroup {
  group: string;
  reason: string;
  words: string[];
}

/** A list: groups of items, each item at most once in the whole list, each group name once. */
function groups(item: z.ZodType<string>) {
  return z
    .array(z.object({ group: text, reason, words: z.array(item).min(1, "words är tom") }).strict())
    .min(1, "listan är tom")
    .superRefine((list, ctx) => {
      const names = new Set<string>();
      const seen = new Map<string, string>();
      list.forEach((g, i) => {
        if (names.has(g.group)) ctx.addIssue({ code: "custom", path: [i, "group"], message: `gruppen "${g.group}" finns två gånger` });
        names.add(g.group);
        g.words.forEach((w, j) => {
          const first = seen.get(w);
          if (first !== undefined) {
            ctx.addIssue({ code: "custom", path: [i, "words", j], message: `"${w}" står redan i gruppen "${first}"` });
          } else seen.set(w, g.group);
        });
      });
    });
}

const glossaryEntry = z
  .object({
    term: text,
    expansions: z.array(text).min(1, "expansions är tom"),
    oneWay: z.boolean().optional(),
    reason,
  })
  .strict();

const glossaryEntries = z
  .array(glossaryEntry)
  .min(1, "listan är tom")
  .superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.forEach((e, i) => {
      const key = e.term.normalize("NFC").toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: [i, "term"], message: `"${e.term}" finns redan som post ${first + 1}` });
      else seen.set(key, i);
    });
  });

/** A particle that takes another form when joined to the front of its verb ("emot" → "mot"), and why. */
const joinedForm = z.object({ particle: word, joined: word, reason }).strict();

/** The particle-verb lists: every particle with a joined form of its own is also in `particles`, once. */
const particleVerbs = z
  .object({
    particles: groups(word),
    joinedForms: z.array(joinedForm).min(1, "listan är tom"),
    subjectPronouns: groups(word),
  })
  .strict()
  .superRefine((data, ctx) => {
    const particles = new Set(data.particles.flatMap((g) => g.words));
    const seen = new Set<string>();
    data.joinedForms.forEach((e, i) => {
      if (seen.has(e.particle)) ctx.addIssue({ code: "custom", path: ["joinedForms", i, "particle"], message: `"${e.particle}" finns redan` });
      seen.add(e.particle);
      if (!particles.has(e.particle)) ctx.addIssue({ code: "custom", path: ["joinedForms", i, "particle"], message: `"${e.particle}" står inte i particles` });
    });
  });

/** Every word data file: its name in src/text/data and its schema. */
export const WORD_DATA_FILES = {
  stopwords: {
    file: "stopwords.yaml",
    schema: z.object({ questionWords: groups(word), functionWords: groups(word) }).strict(),
  },
  compounds: {
    file: "compounds.yaml",
    schema: z
      .object({
        particlePrefixes: groups(word),
        neverParts: groups(word),
        shortHeads: groups(word),
        notParts: groups(word),
        finalSuffixes: groups(suffix),
      })
      .strict(),
  },
  glossary: {
    file: "glossary.yaml",
    schema: glossaryEntries,
  },
  answerType: {
    file: "answer-type.yaml",
    schema: z
      .object({
        numberAfterHur: groups(word),
        timeAfterHur: groups(word),
        numberNouns: groups(word),
        timeNouns: groups(word),
        which: groups(word),
        categoryNouns: groups(word),
        hurProperty: groups(phrase),
        numberWords: groups(phrase),
        reasonCues: groups(phrase),
        months: groups(phrase),
        countWords: groups(phrase),
        timeUnits: groups(phrase),
        timeWords: groups(phrase),
      })
      .strict(),
  },
  question: {
    file: "question.yaml",
    schema: z
      .object({
        hurNotProcedure: groups(word),
        procedurePhrases: groups(pattern),
        partOpeners: groups(phrase),
        partPrepositions: groups(phrase),
      })
      .strict(),
  },
  sentenceAbbreviations: {
    file: "sentence-abbreviations.yaml",
    schema: z.object({ abbreviations: groups(word) }).strict(),
  },
  followUp: {
    file: "follow-up.yaml",
    schema: z.object({ openers: groups(word), anaphora: groups(word) }).strict(),
  },
  particleVerbs: {
    file: "particle-verbs.yaml",
    schema: particleVerbs,
  },
  instructionLike: {
    file: "instruction-like.yaml",
    schema: z.object({ patterns: groups(pattern) }).strict(),
  },
} as const;

export type WordDataName = keyof typeof WORD_DATA_FILES;
export type WordData<N extends WordDataName> = z.infer<(typeof WORD_DATA_FILES)[N]["schema"]>;

/** Absolute path of a word data file. */
export function wordDataPath(name: WordDataName): string {
  return fileURLToPath(new URL(`./data/${WORD_DATA_FILES[name].file}`, import.meta.url));
}

/**
 * Parse and validate the YAML of word data file `name`; `source` names it in
 * error messages. Exported for tests with small inputs.
 */
export function parseWordData<N extends WordDataName>(name: N, yamlText: string, source: string): WordData<N> {
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (err) {
    throw new WordDataError(`Orddata ${source} är inte giltig YAML: ${(err as Error).message}`, { cause: err });
  }
  const parsed = WORD_DATA_FILES[name].schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((iss) => `${iss.path.join(".") || "filen"}: ${iss.message}`).join("; ");
    throw new WordDataError(`Orddata ${source} är ogiltig: ${issues}`);
  }
  return parsed.data as WordData<N>;
}

const cache = new Map<WordDataName, unknown>();

/** Word data file `name`, read and validated on first call (memoised). */
export function loadWordData<N extends WordDataName>(name: N): WordData<N> {
  let data = cache.get(name) as WordData<N> | undefined;
  if (!data) {
    const path = wordDataPath(name);
    let yamlText: string;
    try {
      yamlText = readFileSync(path, "utf8");
    } catch (err) {
      throw new WordDataError(`Orddata ${path} kunde inte läsas: ${(err as Error).message}`, { cause: err });
    }
    data = parseWordData(name, yamlText, path);
    cache.set(name, data);
  }
  return data;
}

/** The words of a list in file order, groups one after another. */
export function wordsOf(list: readonly WordGroup[]): string[] {
  return list.flatMap((g) => g.words);
}

type ListNames<N extends WordDataName> = { [K in keyof WordData<N>]: WordData<N>[K] extends WordGroup[] ? K : never }[keyof WordData<N>];

/** The words of list `list` of word data file `name`, in file order. */
export function wordList<N extends WordDataName>(name: N, list: ListNames<N>): string[] {
  return wordsOf(loadWordData(name)[list] as WordGroup[]);
}

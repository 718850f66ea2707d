import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_GLOSSARY } from "../../../src/text/glossary.js";
import { createTextContext, isContentToken } from "../../../src/text/index.js";
import { Alternatives } from "../../../src/text/query-alternatives.js";
import { addParticleVerbs } from "../../../src/text/query-particles.js";
import { QUESTION_WORDS, STOPWORDS } from "../../../src/text/stopwords.js";
import {
  loadWordData,
  parseWordData,
  WORD_DATA_FILES,
  WordDataError,
  wordDataPath,
  wordsOf,
  type WordDataName,
  type WordGroup,
} from "../../../src/text/word-data.js";
import { termFor } from "../../../src/text/text-context.js";

const ctx = createTextContext();
const NAMES = Object.keys(WORD_DATA_FILES) as WordDataName[];

/** Lists of regular expressions, not words. */
const PATTERN_LISTS = new Set(["procedurePhrases", "patterns"]);

/** An entry of a list of entries (the glossary, particle-verbs.yaml's joinedForms): its key field and reason. */
interface Entry {
  reason: string;
  term?: string;
  particle?: string;
}

/** The key an entry is listed under: the glossary's term, a joined form's particle. */
function keyOf(e: Entry): string {
  return (e.term ?? e.particle ?? "").normalize("NFC").toLowerCase();
}

/** A list of entries rather than groups of words. */
function isEntryList(list: unknown[]): boolean {
  return list.every((x) => typeof x === "object" && x !== null && !("words" in x));
}

/** The group lists of a word data file: name → groups. */
function listsOf(name: WordDataName): [string, WordGroup[]][] {
  const data = loadWordData(name);
  if (Array.isArray(data)) return [];
  return (Object.entries(data) as [string, unknown[]][]).filter(([, list]) => !isEntryList(list)) as [string, WordGroup[]][];
}

/** The entry lists of a word data file: name → entries (the glossary file is one list, named after the file). */
function entryListsOf(name: WordDataName): [string, Entry[]][] {
  const data = loadWordData(name);
  if (Array.isArray(data)) return [[name, data]];
  return (Object.entries(data) as [string, unknown[]][]).filter(([, list]) => isEntryList(list)) as [string, Entry[]][];
}

describe("word data files (src/text/data)", () => {
  it("has a loader entry for every YAML file there (abbreviations.yaml has its own)", () => {
    const dir = dirname(wordDataPath("stopwords"));
    const files = readdirSync(dir).filter((f) => f.endsWith(".yaml") && f !== "abbreviations.yaml");
    expect(files.sort()).toEqual(NAMES.map((n) => WORD_DATA_FILES[n].file).sort());
  });

  it.each(NAMES)("%s loads and is not empty", (name) => {
    const data = loadWordData(name);
    if (Array.isArray(data)) {
      expect(data.length).toBeGreaterThan(10);
    } else {
      const lists = listsOf(name);
      expect(lists.length).toBeGreaterThan(0);
      for (const [list, groups] of lists) expect(wordsOf(groups).length, list).toBeGreaterThan(0);
      for (const [list, entries] of entryListsOf(name)) expect(entries.length, list).toBeGreaterThan(0);
    }
  });

  it.each(NAMES)("%s: every group and entry has a non-empty reason", (name) => {
    const reasons: [string, string][] = [
      ...listsOf(name).flatMap(([list, groups]) => groups.map((g): [string, string] => [`${list}/${g.group}`, g.reason])),
      ...entryListsOf(name).flatMap(([list, entries]) => entries.map((e): [string, string] => [`${list}/${keyOf(e)}`, e.reason])),
    ];
    expect(reasons.length).toBeGreaterThan(0);
    for (const [where, reason] of reasons) expect(reason.trim().length, where).toBeGreaterThan(10);
  });

  it.each(NAMES)("%s: no word twice in a list, no group name twice, no entry (glossary term, particle) twice", (name) => {
    for (const [list, groups] of listsOf(name)) {
      const words = wordsOf(groups);
      expect(words.filter((w, i) => words.indexOf(w) !== i), list).toEqual([]);
      const names = groups.map((g) => g.group);
      expect(names.filter((g, i) => names.indexOf(g) !== i), list).toEqual([]);
    }
    for (const [list, entries] of entryListsOf(name)) {
      const keys = entries.map(keyOf);
      expect(keys.every((k) => k !== ""), list).toBe(true);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i), list).toEqual([]);
    }
  });

  it("writes words as the code compares them: lower-case NFC, trimmed", () => {
    for (const name of NAMES) {
      for (const [list, groups] of listsOf(name)) {
        if (PATTERN_LISTS.has(list)) continue; // regular expressions
        for (const w of wordsOf(groups)) expect(w, `${name}/${list}`).toBe(w.normalize("NFC").toLowerCase().trim());
      }
    }
  });
});

describe("the code reads the data", () => {
  it("stopwords", () => {
    const data = loadWordData("stopwords");
    expect(STOPWORDS).toEqual(new Set([...wordsOf(data.functionWords), ...wordsOf(data.questionWords)]));
    expect(QUESTION_WORDS).toEqual(new Set(wordsOf(data.questionWords)));
  });

  it("particle verbs: each particle joins to the front of the verb in its joined form, past a subject pronoun", () => {
    const data = loadWordData("particleVerbs");
    const joined = new Map(data.joinedForms.map((e) => [e.particle, e.joined]));
    const joinedAlternative = (words: string[]) => {
      const alts = words.filter(isContentToken).map(() => new Alternatives());
      addParticleVerbs(words, alts, new Map(), ctx);
      return alts[0]!.list().map((a) => a.term);
    };
    for (const particle of wordsOf(data.particles)) {
      const expected = termFor(`${joined.get(particle) ?? particle}lämnar`, ctx.features);
      expect(joinedAlternative(["lämnar", particle]), particle).toEqual([expected]);
    }
    for (const pronoun of wordsOf(data.subjectPronouns)) {
      expect(joinedAlternative(["lämnar", pronoun, "ut"]), pronoun).toEqual([termFor("utlämnar", ctx.features)]);
    }
    expect(joinedAlternative(["lämnar", "ibland", "ut"])).toEqual([]);
  });

  it("the built-in glossary, in file order, without the reasons", () => {
    const data = loadWordData("glossary");
    expect(BUILTIN_GLOSSARY.map((e) => e.term)).toEqual(data.map((e) => e.term));
    for (const e of BUILTIN_GLOSSARY) expect(Object.keys(e).sort()).toEqual(e.oneWay ? ["expansions", "oneWay", "term"] : ["expansions", "term"]);
  });
});

describe("parseWordData rejects a bad file", () => {
  const stopwords = (questionWords: string, functionWords = "[och]") =>
    [
      "questionWords:",
      "  - group: a",
      "    reason: a reason",
      `    words: ${questionWords}`,
      "functionWords:",
      "  - group: b",
      "    reason: another reason",
      `    words: ${functionWords}`,
    ].join("\n");

  it("accepts a good one", () => {
    const data = parseWordData("stopwords", stopwords("[hur, vem]"), "bra.yaml");
    expect(wordsOf(data.questionWords)).toEqual(["hur", "vem"]);
  });

  it("a word twice in one list, naming both groups", () => {
    const yaml = ["questionWords:", "  - {group: a, reason: r1, words: [hur]}", "  - {group: b, reason: r2, words: [vem, hur]}", "functionWords:", "  - {group: c, reason: r3, words: [och]}"].join("\n");
    expect(() => parseWordData("stopwords", yaml, "dubbel.yaml")).toThrow(WordDataError);
    expect(() => parseWordData("stopwords", yaml, "dubbel.yaml")).toThrow(/dubbel\.yaml är ogiltig: questionWords\.1\.words\.1: "hur" står redan i gruppen "a"/);
  });

  it("a group name twice in one list", () => {
    const yaml = ["questionWords:", "  - {group: a, reason: r1, words: [hur]}", "  - {group: a, reason: r2, words: [vem]}", "functionWords:", "  - {group: c, reason: r3, words: [och]}"].join("\n");
    expect(() => parseWordData("stopwords", yaml, "x.yaml")).toThrow(/gruppen "a" finns två gånger/);
  });

  it("a group without a reason, or with an empty one", () => {
    const missing = ["questionWords:", "  - {group: a, words: [hur]}", "functionWords:", "  - {group: c, reason: r, words: [och]}"].join("\n");
    expect(() => parseWordData("stopwords", missing, "x.yaml")).toThrow(/questionWords\.0\.reason/);
    const empty = ["questionWords:", "  - {group: a, reason: '  ', words: [hur]}", "functionWords:", "  - {group: c, reason: r, words: [och]}"].join("\n");
    expect(() => parseWordData("stopwords", empty, "x.yaml")).toThrow(/reason saknas/);
  });

  it("a word in upper case, an empty list, an unknown list, a missing list", () => {
    expect(() => parseWordData("stopwords", stopwords("[Hur]"), "x.yaml")).toThrow(/gemener/);
    expect(() => parseWordData("stopwords", stopwords("[]"), "x.yaml")).toThrow(/words är tom/);
    expect(() => parseWordData("stopwords", `${stopwords("[hur]")}\nextra:\n  - {group: d, reason: r, words: [x]}`, "x.yaml")).toThrow(WordDataError);
    expect(() => parseWordData("stopwords", "questionWords:\n  - {group: a, reason: r, words: [hur]}", "x.yaml")).toThrow(/functionWords/);
  });

  it("a regular-expression list with a pattern that does not compile, or a word that is not letters", () => {
    const question = (phrases: string, openers = "[vem]") =>
      [
        "hurNotProcedure: [{group: a, reason: r, words: [länge]}]",
        `procedurePhrases: [{group: b, reason: r, words: [${phrases}]}]`,
        `partOpeners: [{group: c, reason: r, words: ${openers}}]`,
        "partPrepositions: [{group: d, reason: r, words: [på]}]",
      ].join("\n");
    expect(wordsOf(parseWordData("question", question("'\\bvilka steg\\b'"), "x.yaml").procedurePhrases)).toEqual(["\\bvilka steg\\b"]);
    expect(() => parseWordData("question", question("'(vad'"), "x.yaml")).toThrow(/reguljärt uttryck/);
    expect(() => parseWordData("question", question("'x'", "['vem|vad']"), "x.yaml")).toThrow(/bara gemena bokstäver/);
  });

  it("a joined form of a particle that is not in the particle list, or listed twice", () => {
    const particleVerbs = (joinedForms: string) =>
      [
        "particles: [{group: a, reason: r, words: [ut, emot]}]",
        `joinedForms: ${joinedForms}`,
        "subjectPronouns: [{group: b, reason: r, words: [man]}]",
      ].join("\n");
    expect(parseWordData("particleVerbs", particleVerbs("[{particle: emot, joined: mot, reason: r}]"), "x.yaml").joinedForms).toEqual([
      { particle: "emot", joined: "mot", reason: "r" },
    ]);
    expect(() => parseWordData("particleVerbs", particleVerbs("[{particle: ner, joined: ned, reason: r}]"), "x.yaml")).toThrow(/joinedForms\.0\.particle: "ner" står inte i particles/);
    const twice = "[{particle: emot, joined: mot, reason: r}, {particle: emot, joined: m, reason: r}]";
    expect(() => parseWordData("particleVerbs", particleVerbs(twice), "x.yaml")).toThrow(/joinedForms\.1\.particle: "emot" finns redan/);
    expect(() => parseWordData("particleVerbs", particleVerbs("[{particle: emot, joined: mot}]"), "x.yaml")).toThrow(/joinedForms\.0\.reason/);
  });

  it("a glossary entry without a reason, and a term twice", () => {
    expect(() => parseWordData("glossary", "- {term: jobb, expansions: [arbete]}", "g.yaml")).toThrow(/0\.reason/);
    const twice = "- {term: jobb, expansions: [arbete], reason: r}\n- {term: Jobb, expansions: [anställning], reason: r}";
    expect(() => parseWordData("glossary", twice, "g.yaml")).toThrow(/1\.term: "Jobb" finns redan som post 1/);
  });

  it("invalid YAML", () => {
    expect(() => parseWordData("stopwords", "questionWords: [oavslutad", "trasig.yaml")).toThrow(/trasig\.yaml är inte giltig YAML/);
  });
});

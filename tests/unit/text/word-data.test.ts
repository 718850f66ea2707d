import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_GLOSSARY } from "../../../src/text/glossary.js";
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

const NAMES = Object.keys(WORD_DATA_FILES) as WordDataName[];

/** The lists of a word data file: name → groups (the glossary is one list of entries). */
function listsOf(name: WordDataName): [string, WordGroup[]][] {
  const data = loadWordData(name);
  return Array.isArray(data) ? [] : (Object.entries(data) as [string, WordGroup[]][]);
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
    }
  });

  it.each(NAMES)("%s: every group and entry has a non-empty reason", (name) => {
    const data = loadWordData(name);
    const reasons: [string, string][] = Array.isArray(data)
      ? data.map((e) => [e.term, e.reason])
      : listsOf(name).flatMap(([list, groups]) => groups.map((g): [string, string] => [`${list}/${g.group}`, g.reason]));
    expect(reasons.length).toBeGreaterThan(0);
    for (const [where, reason] of reasons) expect(reason.trim().length, where).toBeGreaterThan(10);
  });

  it.each(NAMES)("%s: no word twice in a list, no group name twice, no glossary term twice", (name) => {
    const data = loadWordData(name);
    if (Array.isArray(data)) {
      const terms = data.map((e) => e.term.normalize("NFC").toLowerCase());
      expect(terms.filter((t, i) => terms.indexOf(t) !== i)).toEqual([]);
      return;
    }
    for (const [list, groups] of listsOf(name)) {
      const words = wordsOf(groups);
      expect(words.filter((w, i) => words.indexOf(w) !== i), list).toEqual([]);
      const names = groups.map((g) => g.group);
      expect(names.filter((g, i) => names.indexOf(g) !== i), list).toEqual([]);
    }
  });

  it("writes words as the code compares them: lower-case NFC, trimmed", () => {
    for (const name of NAMES) {
      for (const [list, groups] of listsOf(name)) {
        if (list === "procedurePhrases") continue; // regular expressions
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

  it("a glossary entry without a reason, and a term twice", () => {
    expect(() => parseWordData("glossary", "- {term: jobb, expansions: [arbete]}", "g.yaml")).toThrow(/0\.reason/);
    const twice = "- {term: jobb, expansions: [arbete], reason: r}\n- {term: Jobb, expansions: [anställning], reason: r}";
    expect(() => parseWordData("glossary", twice, "g.yaml")).toThrow(/1\.term: "Jobb" finns redan som post 1/);
  });

  it("invalid YAML", () => {
    expect(() => parseWordData("stopwords", "questionWords: [oavslutad", "trasig.yaml")).toThrow(/trasig\.yaml är inte giltig YAML/);
  });
});

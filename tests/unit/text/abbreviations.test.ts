import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  abbreviationGlossaryEntries,
  loadAbbreviations,
  parseAbbreviationsYaml,
} from "../../../src/text/abbreviations.js";
import { BUILTIN_GLOSSARY, compileGlossary, expandWithGlossary, GlossaryError } from "../../../src/text/glossary.js";

const BOTKYRKA = "/work/shared/corpora/botkyrka-vo-rutiner";

describe("abbreviation lexicon", () => {
  const entries = loadAbbreviations();

  it("loads, and every entry has a source and at least one expansion", () => {
    expect(entries.length).toBeGreaterThan(100);
    for (const e of entries) {
      expect(e.source.trim().length, e.term).toBeGreaterThan(10);
      expect(e.expansions.length, e.term).toBeGreaterThan(0);
    }
  });

  it("has no duplicate terms (case-insensitive)", () => {
    const keys = entries.map((e) => e.term.normalize("NFC").toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("covers the required abbreviations", () => {
    const terms = new Set(entries.map((e) => e.term.toLowerCase()));
    const required = [
      "SoL", "LSS", "HSL", "LVU", "LVM", "SoF", "OSL", "FB", "SIP", "EB", "AF", "FK", "ÖF", "IVO", "MAS", "MAR",
      "SSK", "USK", "EC", "BBIC", "HVB", "SoS", "soc", "ggr", "godman", "GP", "HSL-insats", "LOV", "TES", "KPA",
      "ADL", "BPSD", "LMA", "ÄBIC", "IBIC", "lex Sarah", "lex Maria",
    ];
    expect(required.filter((t) => !terms.has(t.toLowerCase()))).toEqual([]);
  });

  it("holds the abbreviations the built-in glossary had (retired there), with their expansions", () => {
    const byTerm = new Map(entries.map((e) => [e.term.toLowerCase(), e]));
    const retired: [string, string][] = [
      ["SoL", "socialtjänstlagen"], ["LSS", "lagen om stöd och service till vissa funktionshindrade"], ["EB", "ekonomiskt bistånd"],
      ["HVB", "hem för vård eller boende"], ["soc", "socialtjänsten"], ["lex Sarah", "missförhållanden"], ["VNR", "våld i nära relationer"],
    ];
    for (const [term, expansion] of retired) expect(byTerm.get(term.toLowerCase())?.expansions, term).toContain(expansion);
    // No term is in both lists: the built-in glossary keeps only what the lexicon does not have.
    const shared = BUILTIN_GLOSSARY.filter((g) => byTerm.has(g.term.toLowerCase()) && !byTerm.get(g.term.toLowerCase())!.caseSensitive);
    expect(shared.map((g) => g.term)).toEqual([]);
  });

  it("notes the ambiguity of FB", () => {
    const fb = entries.find((e) => e.term === "FB")!;
    expect(fb.expansions).toEqual(["föräldrabalken"]);
    expect(fb.otherMeanings).toContain("försörjningsstöd");
    expect(fb.note).toMatch(/tvetydig/iu);
  });

  it.runIf(existsSync(BOTKYRKA))("cites Botkyrka routines that exist and use the term", () => {
    let cited = 0;
    for (const e of entries) {
      for (const m of e.source.matchAll(/botkyrka-vo-rutiner: (.+?\.md)/gu)) {
        cited++;
        const file = join(BOTKYRKA, m[1]!);
        expect(existsSync(file), file).toBe(true);
        const text = readFileSync(file, "utf8").toLowerCase();
        const words = [e.term, ...e.expansions].map((w) => w.toLowerCase());
        expect(words.some((w) => text.includes(w)), `${e.term} in ${file}`).toBe(true);
      }
    }
    expect(cited).toBeGreaterThan(50);
  });
});

describe("abbreviationGlossaryEntries", () => {
  it("feeds compileGlossary and expands abbreviations in queries", () => {
    const glossary = compileGlossary(abbreviationGlossaryEntries());
    const expansions = expandWithGlossary("Vem kontaktar MAS vid fall?", glossary).map((t) => t.join(" "));
    expect(expansions.length).toBeGreaterThan(0);
    const masTerms = expandWithGlossary("medicinskt ansvarig sjuksköterska", glossary);
    expect(masTerms.length).toBeGreaterThan(0);
  });

  it("leaves out entries whose lower-case form is an ordinary word unless asked", () => {
    const plain = abbreviationGlossaryEntries().map((e) => e.term);
    expect(plain).not.toContain("BE");
    expect(plain).not.toContain("LOV");
    expect(plain).toContain("SoL");
    const all = abbreviationGlossaryEntries({ includeCaseSensitive: true }).map((e) => e.term);
    expect(all).toContain("BE");
    expect(all.length).toBe(loadAbbreviations().length);
  });

  it("keeps oneWay and drops the lexicon-only fields", () => {
    const maria = abbreviationGlossaryEntries().find((e) => e.term === "lex Maria")!;
    expect(maria).toEqual({ term: "lex Maria", expansions: ["vårdskada", "händelse som har medfört vårdskada"], oneWay: true });
  });
});

describe("parseAbbreviationsYaml", () => {
  it("rejects an entry without a source, naming it", () => {
    expect(() => parseAbbreviationsYaml('- term: "XY"\n  expansions: ["x y"]\n', "test.yaml")).toThrow(GlossaryError);
    expect(() => parseAbbreviationsYaml('- term: "XY"\n  expansions: ["x y"]\n', "test.yaml")).toThrow(/XY.*source/su);
  });

  it("rejects duplicate terms regardless of case", () => {
    const yaml = '- {term: "SoS", expansions: ["a"], source: "s"}\n- {term: "SOS", expansions: ["b"], source: "s"}\n';
    expect(() => parseAbbreviationsYaml(yaml, "test.yaml")).toThrow(/finns redan/u);
  });

  it("rejects unknown fields", () => {
    expect(() => parseAbbreviationsYaml('- {term: "A", expansions: ["a"], source: "s", typo: 1}\n', "t")).toThrow(GlossaryError);
  });
});

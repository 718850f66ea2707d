import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BUILTIN_GLOSSARY,
  contentTerms,
  defaultGlossary,
  expandWithGlossary,
  findGlossaryMatches,
  GlossaryError,
  loadGlossary,
} from "../../../src/text/index.js";

// The default glossary: the built-in words plus the abbreviation lexicon (src/text/data/abbreviations.yaml).
const phrases = (text: string, glossary = defaultGlossary()) => expandWithGlossary(text, glossary).map((t) => t.join(" "));

describe("built-in glossary", () => {
  it("has real entries for the common abbreviations (from the lexicon) and the everyday words (built in)", () => {
    const terms = new Set(defaultGlossary().entries.map((e) => e.term));
    for (const t of ["SoL", "LVU", "LVM", "LSS", "OSL", "EB", "HVB", "BBIC", "IVO", "SoS", "SKR", "soc", "FB", "GDPR", "DSO", "LMA", "SIP", "IFO", "klient", "socialbidrag"]) {
      expect(terms.has(t), t).toBe(true);
    }
    // Abbreviations live in the lexicon with their sources, not in code.
    expect(BUILTIN_GLOSSARY.some((e) => e.term === "SoL")).toBe(false);
  });

  it("expands abbreviations to their long forms", () => {
    expect(phrases("Vad säger SoL?")).toContain(contentTerms("socialtjänstlagen").join(" "));
    expect(phrases("Får jag söka EB?")).toContain(contentTerms("ekonomiskt bistånd").join(" "));
    expect(phrases("placering på HVB")).toContain(contentTerms("hem för vård eller boende").join(" "));
    expect(phrases("Vad säger SoS?")).toContain(contentTerms("socialstyrelsen").join(" "));
  });

  it("maps everyday words to the routines' terms", () => {
    const p = phrases("Vad gäller för socialbidrag?");
    expect(p).toContain(contentTerms("ekonomiskt bistånd").join(" "));
    expect(p).toContain(contentTerms("försörjningsstöd").join(" "));
    expect(phrases("ansöka om ek bistånd")).toContain(contentTerms("ekonomiskt bistånd").join(" "));
    expect(phrases("en klient som utsätts för våld av sin partner")).toEqual(
      expect.arrayContaining([contentTerms("den enskilde").join(" "), contentTerms("närstående").join(" ")]),
    );
    expect(phrases("hennes sambo slår henne")).toContain(contentTerms("våld").join(" "));
    expect(phrases("Vad kostar hemtjänst?")).toContain(contentTerms("avgift").join(" "));
    expect(phrases("Hur bokar jag tolk?")).toContain(contentTerms("beställa").join(" "));
    expect(phrases("Hur anmäler man enligt lex Sarah?")).toContain(contentTerms("missförhållanden").join(" "));
    expect(phrases("Vilka krav gäller för journalföring?")).toContain(contentTerms("dokumentation").join(" "));
  });

  it("keeps one-way synonyms one way: the routines' own term does not drift to the everyday word", () => {
    expect(phrases("den enskilde")).not.toContain(contentTerms("klient").join(" "));
    expect(phrases("våld i nära relationer")).not.toContain(contentTerms("slår").join(" "));
  });

  it("matches inflected forms and ignores filler words", () => {
    expect(phrases("Hur anmäler jag oro?")).toContain(contentTerms("orosanmälan").join(" "));
    expect(phrases("orosanmälningar")).toContain(contentTerms("anmälan om oro").join(" "));
  });

  it("works in the other direction: long forms find the abbreviation", () => {
    expect(phrases("Vad säger socialtjänstlagen?")).toContain("sol");
    expect(phrases("ekonomiskt bistånd till studenter")).toContain("eb");
    expect(phrases("lagen med särskilda bestämmelser om vård av unga")).toContain("lvu");
    const m = findGlossaryMatches(contentTerms("hem för vård eller boende"), defaultGlossary());
    expect(m.some((x) => x.reverse && x.expansions.includes("HVB"))).toBe(true);
  });
});

describe("loadGlossary", () => {
  const dir = mkdtempSync(join(tmpdir(), "rutinsvar-glossary-"));

  it("merges a municipality file with the built-in list", () => {
    const file = join(dir, "ordlista.yml");
    writeFileSync(
      file,
      ["- term: KAF", "  expansions: [kommunala aktivitetsansvaret]", "- term: mottagningen", "  expansions: mottagningsenheten", "  oneWay: true", ""].join("\n"),
    );
    const g = loadGlossary(file);
    expect(phrases("Vem ansvarar för KAF?", g)).toContain(contentTerms("kommunala aktivitetsansvaret").join(" "));
    expect(phrases("kommunala aktivitetsansvaret", g)).toContain("kaf");
    expect(phrases("mottagningen", g)).toContain(contentTerms("mottagningsenheten").join(" "));
    expect(phrases("mottagningsenheten", g)).not.toContain("mottagning");
    // Built-ins are still there.
    expect(phrases("EB", g)).toContain(contentTerms("ekonomiskt bistånd").join(" "));
  });

  it("rejects a bad entry naming the file and the entry", () => {
    const file = join(dir, "trasig.yml");
    writeFileSync(file, "- term: EB\n  expansions: [ekonomiskt bistånd]\n- term: LVU\n  expansions: []\n");
    expect(() => loadGlossary(file)).toThrow(GlossaryError);
    expect(() => loadGlossary(file)).toThrow(/trasig\.yml: post 2 \(term "LVU"\) är ogiltig: expansions/);
  });

  it("rejects invalid YAML and a missing file", () => {
    const file = join(dir, "syntax.yml");
    writeFileSync(file, "- term: [oavslutad\n");
    expect(() => loadGlossary(file)).toThrow(/syntax\.yml är inte giltig YAML/);
    expect(() => loadGlossary(join(dir, "finns-inte.yml"))).toThrow(/finns-inte\.yml kunde inte läsas/);
  });

  it("rejects a file that is not a list", () => {
    const file = join(dir, "objekt.yml");
    writeFileSync(file, "term: EB\n");
    expect(() => loadGlossary(file)).toThrow(/objekt\.yml ska vara en YAML-lista/);
  });
});

import { describe, expect, it } from "vitest";
import { defaultGlossary, expandWithGlossary, mergeGlossaryEntries } from "../../../src/text/index.js";

describe("default glossary", () => {
  it("unions the expansions of a term found in both lists, one-way only when both say so", () => {
    const merged = mergeGlossaryEntries(
      [{ term: "EC", expansions: ["enhetschef"] }, { term: "ssk", expansions: ["sjuksköterska"], oneWay: true }],
      [{ term: "ec", expansions: ["Enhetschef", "chef"] }, { term: "SSK", expansions: ["sjuksköterskan"] }],
    );
    expect(merged).toEqual([
      { term: "EC", expansions: ["enhetschef", "chef"] },
      { term: "ssk", expansions: ["sjuksköterska", "sjuksköterskan"] },
    ]);
  });

  it("expands abbreviations that only the lexicon has (taken from the routines staff write)", () => {
    const phrases = expandWithGlossary("Vad ska USK göra?", defaultGlossary()).map((t) => t.join(" "));
    expect(phrases.some((p) => p.startsWith("underskot"))).toBe(true);
  });
});

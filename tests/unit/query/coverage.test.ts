import { describe, expect, it } from "vitest";
import type { QueryConcept } from "../../../src/query/analysis.js";
import { coverage } from "../../../src/query/coverage.js";

function concept(term: string, idf: number, alternatives: [string, number][] = []): QueryConcept {
  return {
    token: term,
    term,
    idf,
    alternatives: [{ term, weight: 1, source: "query" }, ...alternatives.map(([t, weight]) => ({ term: t, weight, source: "compound" as const }))],
  };
}

describe("coverage", () => {
  it("is the idf-weighted share of the question's concepts found", () => {
    const concepts = [concept("orosanmälan", 3), concept("rutin", 1)];
    expect(coverage(concepts, new Set(["orosanmälan", "rutin"]))).toBe(1);
    expect(coverage(concepts, new Set(["orosanmälan"]))).toBeCloseTo(3 / 4, 12);
    expect(coverage(concepts, new Set(["rutin"]))).toBeCloseTo(1 / 4, 12);
    expect(coverage(concepts, new Set())).toBe(0);
  });

  it("counts a concept with the weight of its best alternative present", () => {
    const concepts = [concept("orosanmälan", 2, [["oro", 0.5], ["anmälan", 0.5]])];
    expect(coverage(concepts, new Set(["oro"]))).toBeCloseTo(0.5, 12);
    expect(coverage(concepts, new Set(["oro", "orosanmälan"]))).toBe(1);
  });

  it("a sentence sharing only a rare word of the question still scores by that word's idf", () => {
    const concepts = [concept("färdtjänst", 5), concept("ansöka", 1), concept("hur", 0)];
    expect(coverage(concepts, new Set(["ansöka"]))).toBeCloseTo(1 / 6, 12);
  });

  it("no concepts (or only zero-idf ones) covers nothing rather than dividing by zero", () => {
    expect(coverage([], new Set(["x"]))).toBe(0);
    expect(coverage([concept("x", 0)], new Set(["x"]))).toBe(0);
  });

  it("takes any TermSet, not just a Set (the lexical index's postings of a chunk)", () => {
    const terms = { has: (t: string) => t.startsWith("ab") };
    expect(coverage([concept("abc", 1), concept("xyz", 1)], terms)).toBeCloseTo(0.5, 12);
  });
});

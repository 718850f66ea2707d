import { describe, expect, it } from "vitest";
import { LexicalIndex } from "../../../src/core/lexical-index.js";
import { tuning } from "../../../src/config/tuning.js";

const docs = [
  { body: ["orosanmäl", "barn", "social"], heading: [], title: [] },
  { body: ["ekonomisk", "bistånd", "norm", "bistånd"], heading: [], title: [] },
  { body: ["tolk", "bistånd"], heading: ["orosanmäl"], title: [] },
];

describe("LexicalIndex", () => {
  it("ranks by BM25 with heading boost and reports coverage", () => {
    const idx = LexicalIndex.build(docs, tuning.lexical);
    const hits = idx.search([{ term: "orosanmäl", weight: 1 }], 10);
    expect(hits.map((h) => h.doc)).toEqual([2, 0]);
    const both = idx.search([{ term: "bistånd", weight: 1 }, { term: "norm", weight: 1 }], 10);
    expect(both[0]!.doc).toBe(1);
    expect(both[0]!.coverage).toBeCloseTo(1);
    expect(both[1]!.coverage).toBeLessThan(1);
  });

  it("filters before ranking", () => {
    const idx = LexicalIndex.build(docs, tuning.lexical);
    const hits = idx.search([{ term: "orosanmäl", weight: 1 }], 10, (d) => d !== 2);
    expect(hits.map((h) => h.doc)).toEqual([0]);
  });

  it("round-trips through JSON with identical results", () => {
    const idx = LexicalIndex.build(docs, tuning.lexical);
    const copy = LexicalIndex.fromJSON(JSON.parse(JSON.stringify(idx.toJSON())));
    const q = [{ term: "bistånd", weight: 1 }, { term: "tolk", weight: 0.5 }];
    expect(copy.search(q, 10)).toEqual(idx.search(q, 10));
    expect([...copy.vocabulary()].sort()).toEqual([...idx.vocabulary()].sort());
  });
});

describe("LexicalIndex.contains", () => {
  it("answers per chunk exactly like its postings, for every term and chunk", () => {
    const idx = LexicalIndex.build(docs, tuning.lexical);
    for (const term of new Set(docs.flatMap((d) => [...d.body, ...d.heading, ...d.title]))) {
      docs.forEach((d, i) => {
        expect(idx.contains(term, i)).toBe([...d.body, ...d.heading, ...d.title].includes(term));
      });
    }
    expect(idx.contains("finns-inte", 0)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { buildFuzzyIndex, loadSwedishDictionary, maxEditsFor, osaDistance } from "../../../src/text/index.js";

const vocabulary = ["ekonomiskt", "bistånd", "orosanmälan", "orosanmälningar", "åtgärd", "åtgärder", "placering", "socialsekreterare", "beslut"];

describe("osaDistance", () => {
  it("counts an adjacent transposition as one edit", () => {
    expect(osaDistance("ekonomsikt", "ekonomiskt")).toBe(1);
    expect(osaDistance("kitten", "sitting")).toBe(3);
    expect(osaDistance("abc", "abc")).toBe(0);
  });
});

describe("buildFuzzyIndex", () => {
  const idx = buildFuzzyIndex(vocabulary);

  it("allows 1 edit from 5 letters and 2 from 8", () => {
    expect(maxEditsFor(4)).toBe(0);
    expect(maxEditsFor(5)).toBe(1);
    expect(maxEditsFor(8)).toBe(2);
  });

  it("corrects a transposition", () => {
    expect(idx.correct("ekonomsikt")[0]).toEqual({ term: "ekonomiskt", distance: 1 });
  });

  it("finds words typed without å, ä, ö at distance 0", () => {
    expect(idx.correct("atgard")[0]).toEqual({ term: "åtgärd", distance: 0 });
    expect(idx.correct("atgarder")[0]).toEqual({ term: "åtgärder", distance: 0 });
  });

  it("corrects orosanmälning to a form of orosanmälan", () => {
    expect(idx.correct("orosanmälning").map((c) => c.term)).toContain("orosanmälningar");
    expect(idx.correct("orosanmälningr")[0]).toEqual({ term: "orosanmälningar", distance: 1 });
    expect(idx.correct("orsoanmälan")[0]).toEqual({ term: "orosanmälan", distance: 1 });
  });

  it("does not correct known words or short words", () => {
    expect(idx.correct("bistånd")).toEqual([]);
    expect(idx.correct("BISTÅND")).toEqual([]);
    expect(idx.correct("besl")).toEqual([]);
  });

  it("does not suggest words beyond the allowed distance", () => {
    expect(idx.correct("placerade")).toEqual([]);
    expect(idx.correct("bidrag")).toEqual([]);
  });

  // Speed is measured in `npm run bench`, never asserted here.
  it("corrects against a dictionary-sized vocabulary", () => {
    const big = buildFuzzyIndex(loadSwedishDictionary().words);
    expect(big.size).toBeGreaterThan(100_000);
    const r = big.correct("handlägare");
    expect(r[0]?.term).toBe("handläggare");
  });
});

import { describe, expect, it } from "vitest";
import { createTextContext } from "../../../src/text/index.js";
import { Alternatives } from "../../../src/text/query-alternatives.js";
import { addOwnTermsAndCorrections } from "../../../src/text/query-typos.js";
import { CORRECTION_WEIGHT, QUERY_WEIGHT } from "../../../src/text/query-weights.js";
import { termFor } from "../../../src/text/text-context.js";

const ctx = createTextContext({ vocabulary: ["ekonomiskt", "bistånd", "placering"] });

function correct(tokens: string[], context = ctx) {
  const alts = tokens.map(() => new Alternatives());
  const result = addOwnTermsAndCorrections(tokens, alts, context);
  return { ...result, alts: alts.map((a) => a.list()) };
}

describe("addOwnTermsAndCorrections", () => {
  it("corrects an unknown word to the closest vocabulary word and adds it at the correction weight", () => {
    const { corrected, corrections, alts } = correct(["placeirng"]);
    expect(corrected).toEqual(["placering"]);
    expect(corrections).toEqual([{ from: "placeirng", to: "placering", distance: 1 }]);
    expect(alts[0]).toEqual([
      { term: termFor("placeirng", ctx.features), weight: QUERY_WEIGHT, source: "query" },
      { term: termFor("placering", ctx.features), weight: CORRECTION_WEIGHT, source: "correction" },
    ]);
  });

  it("keeps only the own term of a near-certain typo, not the nonsense parts it would split into", () => {
    const { alts } = correct(["ekonomsikt"]);
    expect(alts[0]!.map((a) => a.source)).toEqual(["query", "correction"]);
    expect(alts[0]![0]!.term).toBe(termFor("ekonomsikt", ctx.features));
  });

  it("leaves known words, short words and words with digits as typed", () => {
    const { corrected, corrections, alts } = correct(["placering", "blaa", "lss9"]);
    expect(corrected).toEqual(["placering", "blaa", "lss9"]);
    expect(corrections).toEqual([]);
    expect(alts.map((a) => a.map((t) => t.source))).toEqual([["query"], ["query"], ["query"]]);
  });

  it("corrects nothing when typo correction is switched off", () => {
    const off = createTextContext({ vocabulary: ["placering"], features: { typos: false } });
    expect(correct(["placeirng"], off)).toMatchObject({ corrected: ["placeirng"], corrections: [] });
  });
});

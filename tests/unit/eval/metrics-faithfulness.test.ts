import { describe, expect, it } from "vitest";
import { faithfulnessLexical, type ResolvedCitation } from "../../../eval/metrics.js";

const cite = (n: number, chunkText: string): ResolvedCitation => ({ n, chunkId: `c${n}`, quote: chunkText.slice(0, 20), source: "x.md", chunkText });
const oros = "1. Gör en skyddsbedömning samma dag som anmälan kommer in.\n2. Dokumentera skyddsbedömningen i journalen.\n3. Beslut om utredning fattas inom 14 dagar.";

describe("faithfulness_lexical", () => {
  it("scores the share of sentences supported by the passages they cite", () => {
    const r = faithfulnessLexical(
      "Skyddsbedömningen görs samma dag som anmälan kommer in [1]. Beslut fattas inom 30 dagar [1]. Ring polisen.",
      false,
      [cite(1, oros)],
    );
    expect(r.score).toBeCloseTo(1 / 3);
    expect(r.comment).toMatch(/^1\/3 sentences supported/);
    expect(r.comment).toContain("numbers missing: 30");
    expect(r.comment).toContain("«Ring polisen.» cites nothing");
  });

  it("lets an extractive procedure's steps share the marker after the last step", () => {
    expect(faithfulnessLexical(`${oros}\n[1]`, false, [cite(1, oros)]).score).toBe(1);
    expect(faithfulnessLexical("Gör en skyddsbedömning samma dag som anmälan kommer in. [1]", false, [cite(1, oros)]).score).toBe(1);
  });

  it("is null for abstentions and for answers without claims", () => {
    expect(faithfulnessLexical("Det framgår inte av de rutiner jag har tillgång till.", true, []).score).toBeNull();
    expect(faithfulnessLexical("Det framgår inte av rutinerna.", false, []).score).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { reciprocalRankFusion } from "../../../src/query/fuse.js";

describe("reciprocalRankFusion", () => {
  it("scores each id weight / (k + rank), rank counted from 1, summed over the lists", () => {
    const fused = reciprocalRankFusion(
      [
        { ids: [7, 3], weight: 1 },
        { ids: [3, 9], weight: 2 },
      ],
      60,
    );
    expect(fused.get(7)).toBeCloseTo(1 / 61, 12);
    expect(fused.get(3)).toBeCloseTo(1 / 62 + 2 / 61, 12);
    expect(fused.get(9)).toBeCloseTo(2 / 62, 12);
    expect([...fused.keys()].sort()).toEqual([3, 7, 9]);
  });

  it("ranks by rank alone: raw scores never enter, so an id first in both lists wins", () => {
    const fused = reciprocalRankFusion(
      [
        { ids: [1, 2, 3], weight: 1 },
        { ids: [1, 3, 2], weight: 1 },
      ],
      60,
    );
    const order = [...fused].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    expect(order[0]).toBe(1);
  });

  it("a list with weight 0 changes no score (a retriever switched off)", () => {
    const alone = reciprocalRankFusion([{ ids: [4, 5], weight: 1 }], 60);
    const withZero = reciprocalRankFusion(
      [
        { ids: [4, 5], weight: 1 },
        { ids: [5, 4, 6], weight: 0 },
      ],
      60,
    );
    expect(withZero.get(4)).toBe(alone.get(4));
    expect(withZero.get(5)).toBe(alone.get(5));
    expect(withZero.get(6)).toBe(0);
  });

  it("a lower k lets the top ranks dominate more", () => {
    const share = (k: number) => {
      const f = reciprocalRankFusion([{ ids: [1, 2], weight: 1 }], k);
      return f.get(1)! / f.get(2)!;
    };
    expect(share(10)).toBeGreaterThan(share(60));
  });

  it("no lists, no scores", () => {
    expect(reciprocalRankFusion([], 60).size).toBe(0);
  });
});

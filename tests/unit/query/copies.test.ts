import { describe, expect, it } from "vitest";
import { buildCopyGroups, chooseCopy, copyKey, oneCopyPerGroup } from "../../../src/query/copies.js";

describe("copy groups", () => {
  const texts = [
    "Ring brukaren. Kontakta anhöriga!", // 0
    "Rutin för nycklar", // 1
    "ring brukaren – kontakta   anhöriga", // 2: same words, other punctuation and case
    "Ring brukaren. Kontakta sjuksköterskan.", // 3: one word differs
    "", // 4: empty text never merges
    "",
  ];
  const groups = buildCopyGroups(texts);

  it("groups passages with the same words, whatever the punctuation, case and spacing", () => {
    expect(copyKey(texts[0]!)).toBe(copyKey(texts[2]!));
    expect(groups.membersOf(0)).toEqual([0, 2]);
    expect(groups.membersOf(2)).toEqual([0, 2]);
    expect(groups.membersOf(3)).toEqual([3]);
    expect(groups.membersOf(4)).toEqual([4]);
    expect(groups.copiedChunks).toBe(2);
  });

  it("lets exactly one readable copy of each group through the search filter", () => {
    const all = oneCopyPerGroup(groups);
    expect([0, 1, 2, 3].filter(all)).toEqual([0, 1, 3]);
    // When the first copy may not be read, the next readable one stands for the group.
    const withoutFirst = oneCopyPerGroup(groups, (i) => i !== 0);
    expect([0, 1, 2, 3].filter(withoutFirst)).toEqual([1, 2, 3]);
    const none = oneCopyPerGroup(groups, (i) => i !== 0 && i !== 2);
    expect([0, 2].filter(none)).toEqual([]);
  });

  it("shows the preferred unit's copy and names the other readable copies", () => {
    expect(chooseCopy(groups, 0, undefined, (i) => i === 2)).toEqual({ shown: 2, others: [0] });
    expect(chooseCopy(groups, 0, undefined, undefined)).toEqual({ shown: 0, others: [2] });
    expect(chooseCopy(groups, 0, (i) => i !== 2, (i) => i === 2)).toEqual({ shown: 0, others: [] });
  });
});

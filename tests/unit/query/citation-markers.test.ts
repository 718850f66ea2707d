import { describe, expect, it } from "vitest";
import { stripMarkers, withMarkers } from "../../../src/query/citation-markers.js";

describe("stripMarkers", () => {
  it("removes markers and the space they leave before punctuation", () => {
    expect(stripMarkers("Tolk bokas i förväg [2] .")).toBe("Tolk bokas i förväg.");
    expect(stripMarkers("Gör så [1, 3]  och sedan så [2].")).toBe("Gör så och sedan så.");
  });
});

describe("withMarkers", () => {
  it("puts the markers before the closing punctuation", () => {
    expect(withMarkers("Tolk bokas i förväg.", [1, 2])).toBe("Tolk bokas i förväg [1][2].");
    expect(withMarkers('Det heter "tolk."', [1])).toBe('Det heter "tolk [1]."');
  });

  it("appends them to a claim without closing punctuation", () => {
    expect(withMarkers("Tolk bokas i förväg", [3])).toBe("Tolk bokas i förväg [3]");
  });

  it("undoes stripMarkers for a sentence cited at its end", () => {
    const sentence = "Beslut fattas inom 14 dagar [1].";
    expect(withMarkers(stripMarkers(sentence), [1])).toBe(sentence);
  });
});

import { describe, expect, it } from "vitest";
import { createTextContext } from "../../../src/text/index.js";
import { turnsDuring } from "../../helpers/event-loop.js";

describe("TextContext.warmUp", () => {
  it("builds the lexicon, typo index and known terms, handing the event loop back between them", async () => {
    const text = createTextContext({ vocabulary: ["orosanmälan", "placering", "brukare"] });
    const { turns } = await turnsDuring(() => text.warmUp());
    // Lexicon, typo index, known terms, word classes, thesaurus, lemmas: one turn before each.
    expect(turns).toBeGreaterThanOrEqual(6);
    expect(text.knownTerms.has("placering")).toBe(true);
    expect(text.fuzzy.correct("placeirng").map((c) => c.term)).toContain("placering");
  });
});

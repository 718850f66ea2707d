import { describe, expect, it } from "vitest";
import { lemmaOf, lemmasOf, loadLemmaIndex, parseLemmaData } from "../../../src/text/lemma.js";

describe("lemmaOf (hunspell dictionary headwords)", () => {
  it.each([
    ["kostar", "kosta"],
    ["brukarens", "brukare"],
    ["nycklar", "nyckel"],
    ["ringde", "ringa"],
    ["fallit", "falla"],
    ["föll", "falla"],
    ["gick", "gå"],
    ["beviljas", "bevilja"],
    ["handläggaren", "handläggare"],
    ["vårdnadshavarna", "vårdnadshavare"],
    ["insatser", "insats"],
    ["barnen", "barn"],
    ["ansökte", "ansöka"],
    ["placerades", "placera"],
  ])("%s → %s", (form, lemma) => {
    expect(lemmaOf(form)).toBe(lemma);
  });

  it("does not confuse a verb form with a shorter noun (kostar is not kost)", () => {
    expect(lemmasOf("kostar")).toEqual(["kosta"]);
    expect(lemmaOf("kost")).toBe("kost");
  });

  it("prefers the verb for -r forms that are verb forms, and lists every lemma", () => {
    expect(lemmasOf("ringar")).toEqual(["ringa", "ring"]);
    expect(lemmaOf("ringar")).toBe("ringa");
  });

  it("keeps a form that is itself a headword ahead of shorter lemmas", () => {
    expect(lemmasOf("han")).toEqual(["han", "ha"]);
    expect(lemmasOf("beslutet")[0]).toBe("beslut");
  });

  it("normalises case and Unicode form, and returns undefined / [] for unknown words", () => {
    expect(lemmaOf("Nycklar")).toBe("nyckel");
    expect(lemmaOf("na\u0308rstående".normalize("NFD"))).toBe("närstående");
    expect(lemmaOf("xyzzyord")).toBeUndefined();
    expect(lemmasOf("")).toEqual([]);
  });

  it("loads the index once, with hundreds of thousands of forms", () => {
    const index = loadLemmaIndex();
    expect(loadLemmaIndex()).toBe(index);
    expect(index.size).toBeGreaterThan(500_000);
  });
});

describe("parseLemmaData", () => {
  // Front-coded lines as written by scripts/build-lemmas.ts.
  const data = Buffer.from(
    ["# test", "0kost\t0", "4a\t0", "5r\t!1", "0nycklar\t3el", "0ring\t0", "4a\t0,!0", "5r\t!1,2"].join("\n") + "\n",
    "utf8",
  );
  const index = parseLemmaData(data);

  it("expands shared prefixes and edits back into forms and lemmas", () => {
    expect(index.size).toBe(7);
    expect(index.lookup("kostar")).toEqual([{ lemma: "kosta", verb: true }]);
    expect(index.lookup("nycklar")).toEqual([{ lemma: "nyckel", verb: false }]);
    expect(index.lookup("ringar")).toEqual([
      { lemma: "ringa", verb: true },
      { lemma: "ring", verb: false },
    ]);
    expect(index.lookup("kos")).toEqual([]);
    expect(index.lookup("kostarna")).toEqual([]);
  });

  it("applies the ranking rule on a given index", () => {
    expect(lemmasOf("ringar", index)).toEqual(["ringa", "ring"]);
    expect(lemmaOf("ringa", index)).toBe("ringa");
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { compoundParts, createCompoundLexicon, loadSwedishDictionary, splitCompound, type CompoundLexicon } from "../../../src/text/index.js";

let lex: CompoundLexicon;
beforeAll(() => {
  lex = createCompoundLexicon();
});

describe("loadSwedishDictionary", () => {
  it("loads the hunspell list once, with compound flags", () => {
    const dict = loadSwedishDictionary();
    expect(dict.words.size).toBeGreaterThan(100_000);
    expect(dict.words.has("bistånd")).toBe(true);
    expect(dict.begins.get("anmälnings")).toBe("anmälning");
    expect(dict.ends.has("rutin")).toBe(true);
    expect(loadSwedishDictionary()).toBe(dict);
  });
});

describe("splitCompound", () => {
  it.each([
    ["orosanmälningsrutinen", ["oro", "anmälning", "rutin"]],
    ["försörjningsstödshandläggare", ["försörjning", "stöd", "handläggare"]],
    ["socialsekreterare", ["social", "sekreterare"]],
    ["socialsekreteraren", ["social", "sekreterare"]],
    ["hvb-hem", ["hvb", "hem"]],
    ["socialtjänstlagen", ["social", "tjänst", "lag"]],
    ["biståndsbedömning", ["bistånd", "bedömning"]],
    ["barnavårdsutredning", ["barnavård", "utredning"]],
    ["tjänsteanteckning", ["tjänst", "anteckning"]],
  ])("%s → %j", (word, parts) => {
    expect(splitCompound(word, lex)).toEqual(parts);
  });

  it.each(["anmälan", "ansökan", "kommunen", "barnet", "handläggare", "handläggaren", "uppföljning", "beslutet",
    "utredning", "placering", "sekretess", "verksamhet", "dokumentation", "bistånd", "ungdom", "förälder", "lvu"])(
    "leaves %s whole",
    (word) => {
      expect(splitCompound(word, lex)).toEqual([]);
    },
  );

  it("returns top-level and fine parts from compoundParts", () => {
    expect(compoundParts("försörjningsstödshandläggare", lex)).toEqual(
      expect.arrayContaining(["försörjningsstöd", "handläggare", "försörjning", "stöd"]),
    );
  });

  it("uses corpus vocabulary as extra parts", () => {
    expect(splitCompound("lexsarahrapporten", lex)).toEqual([]);
    const withCorpus = createCompoundLexicon(["lexsarah"]);
    expect(splitCompound("lexsarahrapporten", withCorpus)).toEqual(["lexsarah", "rapport"]);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createThesaurus, loadThesaurus, parseMyThes, THESAURUS_PATH } from "../../../src/text/thesaurus.js";

describe("Synlex thesaurus", () => {
  it("decodes å, ä and ö in headwords and synonyms", () => {
    const th = loadThesaurus();
    expect(th.synonyms("anhörig")).toEqual(["släkting", "närstående"]);
    expect(th.synonyms("äldreomsorg")).toContain("åldringsvård");
    expect(th.synonyms("orolig")).toEqual(expect.arrayContaining(["bekymrad", "ängslig", "nervös"]));
    expect(th.synonyms("hjälp")).toEqual(expect.arrayContaining(["bistånd", "stöd", "handräckning"]));
    // No mojibake survives the conversion from ISO-8859-1.
    expect(readFileSync(THESAURUS_PATH, "utf8")).not.toMatch(/Ã|\uFFFD/u);
  });

  it("matches case-insensitively and merges headwords that differ only in case", () => {
    const th = loadThesaurus();
    expect(th.synonyms("ÄLDREOMSORG")).toEqual(th.synonyms("äldreomsorg"));
    // "TV" and "tv" are two headwords in the file.
    expect(th.synonyms("tv")).toEqual(expect.arrayContaining(["television", "tv-apparat", "teve"]));
    expect(th.has("Tv")).toBe(true);
  });

  it("returns single words by default and phrases on request", () => {
    const th = loadThesaurus();
    expect(th.synonyms("abdikera")).toEqual(["avgå"]);
    expect(th.synonyms("abdikera", { phrases: true })).toEqual(["avgå", "avsäga sig tronen"]);
  });

  it("gives [] for unknown words and never the word itself", () => {
    const th = loadThesaurus();
    expect(th.synonyms("xyzzyord")).toEqual([]);
    expect(th.has("xyzzyord")).toBe(false);
    expect(th.synonyms("hjälp")).not.toContain("hjälp");
  });

  it("adds headwords that list the word when reverse is set", () => {
    const th = createThesaurus(parseMyThes("UTF-8\nansöka|1\n|anhålla|begära\nbegära|1\n|kräva\n"));
    expect(th.synonyms("anhålla")).toEqual([]);
    expect(th.synonyms("anhålla", { reverse: true })).toEqual(["ansöka"]);
    expect(th.synonyms("begära", { reverse: true })).toEqual(["kräva", "ansöka"]);
  });

  it("loads the whole file once", () => {
    const th = loadThesaurus();
    expect(loadThesaurus()).toBe(th);
    expect(th.size).toBeGreaterThan(15_000);
  });

  it("rejects a malformed entry line", () => {
    expect(() => parseMyThes("UTF-8\nord utan antal\n|x\n")).toThrow(/antal/u);
  });
});

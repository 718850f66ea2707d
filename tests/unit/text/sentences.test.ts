import { describe, expect, it } from "vitest";
import { splitSentences } from "../../../src/text/index.js";

function texts(input: string): string[] {
  const spans = splitSentences(input);
  for (const s of spans) expect(input.slice(s.start, s.end)).toBe(s.text);
  return spans.map((s) => s.text);
}

describe("splitSentences", () => {
  it("splits ordinary sentences and keeps offsets verbatim", () => {
    expect(texts("Ring socialjouren. Skriv sedan en anteckning! Klart?  Ja.")).toEqual([
      "Ring socialjouren.",
      "Skriv sedan en anteckning!",
      "Klart?",
      "Ja.",
    ]);
  });

  it("does not end sentences at Swedish abbreviations", () => {
    const input =
      "Se t.ex. Socialstyrelsens föreskrifter. Beslut fattas bl.a. av nämnden enl. delegationsordningen. " +
      "Det gäller fr.o.m. 1 januari, dvs. Nya regler, s.k. Skyddsbedömning, p.g.a. Risk, jfr. Bilaga 2. Slut.";
    expect(texts(input)).toEqual([
      "Se t.ex. Socialstyrelsens föreskrifter.",
      "Beslut fattas bl.a. av nämnden enl. delegationsordningen.",
      "Det gäller fr.o.m. 1 januari, dvs. Nya regler, s.k. Skyddsbedömning, p.g.a. Risk, jfr. Bilaga 2.",
      "Slut.",
    ]);
  });

  it("keeps legal references, decimals and numbers together", () => {
    expect(texts("Enligt 14 kap. 1 § SoL ska anmälan göras. Normen höjs med 2.5 procent, ca. 300 kr. Klart.")).toEqual([
      "Enligt 14 kap. 1 § SoL ska anmälan göras.",
      "Normen höjs med 2.5 procent, ca. 300 kr.",
      "Klart.",
    ]);
  });

  it("treats numbered and bulleted lines as separate sentences", () => {
    const input = "Gör så här:\n1. Ring socialjouren.\n2. Skriv en anteckning\n- Informera chefen\n• Följ upp";
    expect(texts(input)).toEqual([
      "Gör så här:",
      "1. Ring socialjouren.",
      "2. Skriv en anteckning",
      "- Informera chefen",
      "• Följ upp",
    ]);
  });

  it("treats table rows as separate sentences", () => {
    expect(texts("Insats | Beslutsfattare\nLVU | Nämnden\nEB | Handläggare")).toEqual([
      "Insats | Beslutsfattare",
      "LVU | Nämnden",
      "EB | Handläggare",
    ]);
  });

  it("joins a line that plainly continues the sentence", () => {
    expect(texts("Anmälan ska göras\nsnarast möjligt. Nästa steg.\n\nNy paragraf")).toEqual([
      "Anmälan ska göras\nsnarast möjligt.",
      "Nästa steg.",
      "Ny paragraf",
    ]);
  });

  it("handles quotes, CRLF and empty input", () => {
    expect(texts('Hon sa "gå nu." Sedan gick hon.\r\nNy rad.')).toEqual(['Hon sa "gå nu."', "Sedan gick hon.", "Ny rad."]);
    expect(splitSentences("")).toEqual([]);
    expect(splitSentences("   \n ")).toEqual([]);
  });
});

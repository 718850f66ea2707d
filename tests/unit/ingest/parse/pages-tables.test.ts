import { describe, expect, it } from "vitest";
import { markdownPages } from "../../../../ingest/parse/markdown.js";
import { splitPages } from "../../../../ingest/parse/pages.js";
import { tableRowText } from "../../../../ingest/parse/tables.js";
import { parseText } from "../../../../ingest/parse/text.js";

const enc = (s: string) => new TextEncoder().encode(s);

describe("page markers of converted PDFs", () => {
  it("turn 'n/m' lines into page numbers: a marker starts its page, text before the first lies on page 1", () => {
    const { blocks, pages } = markdownPages(
      "Vård- och omsorgsförvaltningen\n\n1/3\n# RUTIN\n\n## Inledning\nOmsorgspersonal träffar brukare.\n\n2/3\n## Utförande\nRing sjuksköterskan.\n\n3/3\n## Uppföljning\nEnhetschefen följer upp.\n",
    );
    expect(pages).toBe(3);
    const pageOf = (text: string) => blocks.find((b) => b.text.includes(text))?.page;
    expect(pageOf("Vård- och omsorgsförvaltningen")).toBe(1);
    expect(pageOf("Omsorgspersonal")).toBe(1);
    expect(pageOf("Ring sjuksköterskan")).toBe(2);
    expect(pageOf("Uppföljning")).toBe(3);
    expect(blocks.some((b) => /\d\/3/.test(b.text))).toBe(false);
  });

  it("when the first marker is '2/m', the text before it is page 1", () => {
    const { blocks } = markdownPages("Inledande text om rutinen.\n\n2/2\nFortsatt text på sidan två.\n");
    expect(blocks.map((b) => [b.text, b.page])).toEqual([
      ["Inledande text om rutinen.", 1],
      ["Fortsatt text på sidan två.", 2],
    ]);
  });

  it("joins a sentence the page break cut, keeping the page it started on; never leaves the marker in the text", () => {
    const { blocks } = markdownPages("Personalen ska alltid kontakta\n2/2\nansvarig sjuksköterska vid fall.\n\n1/2\n");
    // Inconsistent order (2 before 1): not used as pages, but the lines still never reach the text.
    expect(blocks.every((b) => b.page === null)).toBe(true);
    const joined = markdownPages("Intro.\n\n1/2\nPersonalen ska alltid kontakta\n\n2/2\nansvarig sjuksköterska vid fall.\n").blocks;
    expect(joined.find((b) => b.text.includes("kontakta"))).toMatchObject({ text: "Personalen ska alltid kontakta ansvarig sjuksköterska vid fall.", page: 1 });
  });

  it("ignores markers that do not read as one page sequence", () => {
    expect(splitPages("a\n1/2\nb\n1/3\nc").pages).toBeNull();
    expect(splitPages("a\n3/2\nb").pages).toBeNull();
    expect(splitPages("Sida 1 av 2\na\nSida 2 av 2\nb").segments.map((s) => s.page)).toEqual([1, 2]);
  });

  it("gives plain-text files page numbers too", async () => {
    const parsed = await parseText(enc("Rutin för fall\n\n1/2\nVid fall ska personalen larma.\n\n2/2\nDokumentera fallet i journalen.\n"), "fall.txt");
    expect(parsed.pages).toBe(2);
    expect(parsed.blocks.find((b) => b.text.includes("Dokumentera"))?.page).toBe(2);
  });
});

describe("table rows", () => {
  it("'| A | B |' paragraphs become table rows; separators, repeated merged cells, empty cells and letterhead footers go", () => {
    const { blocks } = markdownPages(
      [
        "| Vem informerar | VAD | Vart |",
        "|---|---|---|",
        "",
        "| Arbetskläder | Kläder finns i tvättstugan. |  |",
        "",
        "| Datum: | Datum: | Enhet: |",
        "",
        "| Botkyrka kommun, 147 85 TUMBA | Munkhättevägen 45 | 08-530 610 00 | Org.nr 212000-2882 | Bankgiro 624-1061 |",
      ].join("\n"),
    );
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ["table-row", "Vem informerar | VAD | Vart"],
      ["table-row", "Arbetskläder | Kläder finns i tvättstugan."],
      ["table-row", "Datum: | Enhet:"],
    ]);
  });

  it("tableRowText keeps a row with a single letterhead-like word", () => {
    expect(tableRowText(["Bankgiro", "anges på fakturan"])).toBe("Bankgiro | anges på fakturan");
    expect(tableRowText(["", " "])).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { fixture, parseError } from "../../../helpers/parse-fixtures.js";
import { decodeText, parseText } from "../../../../ingest/parse/text.js";


describe("parseText", () => {
  it("finds headings, ordered steps and tab-separated table rows in UTF-8 text", async () => {
    const parsed = await parseText(await fixture("utf8.txt"), "utf8.txt");
    expect(parsed).toMatchObject({ format: "text", pages: null, title: "RUTIN FÖR TOLKANVÄNDNING", warnings: [] });
    expect(parsed.blocks).toEqual([
      { kind: "heading", level: 1, text: "RUTIN FÖR TOLKANVÄNDNING", page: null },
      {
        kind: "paragraph",
        text: "Tolk ska bokas när den enskilde inte behärskar svenska. Behovet av tolk ska dokumenteras i journalen.",
        page: null,
      },
      { kind: "heading", level: 2, text: "1 Bokning", page: null },
      { kind: "paragraph", text: "Tolk bokas via kommunens upphandlade tolkförmedling.", page: null },
      { kind: "list-item", ordered: true, text: "1. Logga in i bokningssystemet.", page: null },
      { kind: "list-item", ordered: true, text: "2. Ange språk och dialekt.", page: null },
      { kind: "list-item", ordered: true, text: "3) Bekräfta bokningen via e-post.", page: null },
      { kind: "heading", level: 1, text: "Bakgrund", page: null },
      { kind: "table-row", text: "Språk | Tolkförmedling | Bokas senast", page: null },
      { kind: "table-row", text: "Arabiska | Tolkcentralen | 2 dagar före", page: null },
      { kind: "table-row", text: "Somaliska | Tolkcentralen | 3 dagar före", page: null },
    ]);
  });

  it("decodes Windows-1252 bytes with åäö and says so in a warning", async () => {
    const parsed = await parseText(await fixture("cp1252.txt"), "cp1252.txt");
    expect(parsed.warnings).toEqual(["Filen tolkades som Windows-1252 eftersom den inte är giltig UTF-8."]);
    expect(parsed.title).toBe("Rutin för hembesök");
    expect(parsed.blocks.map((b) => b.text)).toContain(
      "Handläggaren ska alltid meddela sin närmaste chef före ett hembesök. Öppna inte dörren för okända.",
    );
  });

  it("strips a UTF-8 byte order mark", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Åtgärd", "utf8")]);
    expect(decodeText(bytes, "bom.txt")).toEqual({ text: "Åtgärd", encoding: "utf-8" });
  });

  it("rejects binary junk", async () => {
    const error = await parseError(parseText(await fixture("skrap.txt"), "skrap.txt"));
    expect(error.code).toBe("binary-content");
    expect(error.message).toContain("skrap.txt");
  });

  it("rejects empty and whitespace-only files", async () => {
    expect((await parseError(parseText(await fixture("tom.txt"), "tom.txt"))).code).toBe("empty-file");
    expect((await parseError(parseText(Buffer.from(" \n\t\n"), "blank.txt"))).code).toBe("empty-file");
  });

  it("joins a paragraph split by a page break and footnotes back together", async () => {
    const text = [
      "1 Inledning",
      "",
      "Kommunen har fått i uppdrag att ge stöd till",
      "",
      "¹ En fotnot om uppdraget.",
      "",
      "12",
      "",
      "kommuner som vill använda AI. Uppdraget pågår till 2024.",
      "",
    ].join("\n");
    const parsed = await parseText(Buffer.from(text), "brytning.txt");
    expect(parsed.blocks.map((b) => [b.kind, b.text])).toEqual([
      ["heading", "1 Inledning"],
      ["paragraph", "Kommunen har fått i uppdrag att ge stöd till kommuner som vill använda AI. Uppdraget pågår till 2024."],
      ["paragraph", "¹ En fotnot om uppdraget."],
    ]);
  });

  it("drops web boilerplate and tables of contents, and turns bullets into list items", async () => {
    const text = [
      "Innehåll",
      "Förord\t2",
      "1 Inledning.....\t6",
      "2 Ansvar\t7",
      "",
      "Fakta om uppdraget",
      "",
      "  • Uppdraget pågår till januari 2024.",
      "  • Digg samordnar uppdraget.",
      "",
      "Hjälpte denna information dig?",
      "",
      "Ditt svar hjälper oss att förbättra sidan",
      "",
    ].join("\n");
    const parsed = await parseText(Buffer.from(text), "webb.txt");
    expect(parsed.blocks.map((b) => [b.kind, b.text])).toEqual([
      ["paragraph", "Innehåll"],
      ["heading", "Fakta om uppdraget"],
      ["list-item", "Uppdraget pågår till januari 2024."],
      ["list-item", "Digg samordnar uppdraget."],
    ]);
    expect(parsed.blocks.filter((b) => b.kind === "list-item").every((b) => b.ordered === false)).toBe(true);
  });
});

describe("decodeText", () => {
  it("maps Windows-1252 punctuation in 0x80–0x9F (dashes, quotes, euro)", () => {
    const bytes = Buffer.from([0x4e, 0x59, 0x42, 0x45, 0x53, 0xd6, 0x4b, 0x20, 0x96, 0x20, 0x93, 0x6a, 0x61, 0x94, 0x20, 0x80, 0xff]);
    expect(decodeText(bytes, "x.txt")).toEqual({ text: "NYBESÖK – “ja” €ÿ", encoding: "windows-1252" });
  });
});

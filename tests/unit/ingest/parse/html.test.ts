import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { htmlToBlocks, parseHtml } from "../../../../ingest/parse/html.js";

const fixture = (name: string) => readFile(new URL(`../../../fixtures/files/${name}`, import.meta.url));

describe("parseHtml", () => {
  it("keeps the content of <main> in reading order and drops page chrome", async () => {
    const parsed = await parseHtml(await fixture("rutin.html"), "rutin.html");
    expect(parsed).toMatchObject({ format: "html", pages: null, title: "Rutin för hembesök", warnings: [] });
    expect(parsed.blocks).toEqual([
      { kind: "heading", level: 1, text: "Rutin för hembesök", page: null },
      { kind: "paragraph", text: "Hembesök görs alltid av två handläggare tillsammans.", page: null },
      { kind: "heading", level: 2, text: "Före besöket", page: null },
      { kind: "list-item", ordered: true, text: "1. Informera enhetschefen om besöket.", page: null },
      { kind: "list-item", ordered: true, text: "2. Kontrollera om det finns risk för hot eller våld.", page: null },
      { kind: "list-item", ordered: true, text: "3. Meddela kollegor när ni beräknar vara tillbaka.", page: null },
      { kind: "heading", level: 2, text: "Kontaktuppgifter", page: null },
      { kind: "table-row", text: "Funktion | Telefon", page: null },
      { kind: "table-row", text: "Socialjouren | 010-123 45 67", page: null },
      { kind: "table-row", text: "Enhetschef | 010-123 45 00", page: null },
      { kind: "heading", level: 3, text: "Efter besöket", page: null },
      { kind: "list-item", ordered: false, text: "Dokumentera besöket i journalen inom tre dagar.", page: null },
      { kind: "paragraph", text: "Rutinen gäller från 1 mars 2025.", page: null },
    ]);
    const all = parsed.blocks.map((b) => b.text).join(" ");
    for (const boilerplate of ["spåra mig", "Intranätet", "Start", "Relaterade länkar", "webbredaktionen", "JavaScript"]) {
      expect(all).not.toContain(boilerplate);
    }
  });

  it("uses <title> when there is no h1, and the whole body when there is no <main>", () => {
    const { blocks, documentTitle } = htmlToBlocks(
      "<html><head><title>Sekretess</title></head><body><div>Lös text<br>på två rader <b>fet</b></div><ol start=\"3\"><li>Tredje<ul><li>Under</li></ul></li></ol></body></html>",
    );
    expect(documentTitle).toBe("Sekretess");
    expect(blocks).toEqual([
      { kind: "paragraph", text: "Lös text på två rader fet", page: null },
      { kind: "list-item", ordered: true, text: "3. Tredje", page: null },
      { kind: "list-item", ordered: false, text: "Under", page: null },
    ]);
  });

  it("warns when nothing but navigation is left", async () => {
    const parsed = await parseHtml(Buffer.from("<html><body><nav>Meny</nav></body></html>"), "meny.html");
    expect(parsed.blocks).toEqual([]);
    expect(parsed.warnings).toEqual(["Sidan innehåller ingen text utanför navigering och sidhuvud."]);
  });
});

import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { docxCoreTitle, parseDocx } from "../../../../ingest/parse/docx.js";
import { ParseError } from "../../../../ingest/parse/errors.js";

const fixture = (name: string) => readFile(new URL(`../../../fixtures/files/${name}`, import.meta.url));

describe("parseDocx", () => {
  it("turns Word headings, a numbered list and a table into blocks", async () => {
    const parsed = await parseDocx(await fixture("rutin.docx"), "rutin.docx");
    expect(parsed).toMatchObject({ format: "docx", pages: null, title: "Rutin för delegering av beslut", warnings: [] });
    expect(parsed.blocks).toEqual([
      { kind: "heading", level: 1, text: "Rutin för delegering av beslut", page: null },
      { kind: "paragraph", text: "Rutinen gäller för alla handläggare på individ- och familjeomsorgen.", page: null },
      { kind: "heading", level: 2, text: "Gör så här", page: null },
      { kind: "list-item", ordered: true, text: "1. Kontrollera delegationsordningen.", page: null },
      { kind: "list-item", ordered: true, text: "2. Fatta beslut inom din delegation.", page: null },
      { kind: "list-item", ordered: true, text: "3. Anmäl beslutet till nämnden.", page: null },
      { kind: "heading", level: 2, text: "Delegation", page: null },
      { kind: "table-row", text: "Beslut | Delegat", page: null },
      { kind: "table-row", text: "Ekonomiskt bistånd upp till 1,5 prisbasbelopp | Socialsekreterare", page: null },
      { kind: "table-row", text: "Ekonomiskt bistånd över 1,5 prisbasbelopp | Enhetschef", page: null },
      { kind: "paragraph", text: "Kontakta enhetschefen vid frågor om delegationen.", page: null },
    ]);
  });

  it("reads the title from the core properties", async () => {
    expect(docxCoreTitle(await fixture("rutin.docx"))).toBe("Rutin för delegering av beslut");
  });

  it("rejects a file that is not a ZIP archive as corrupt", async () => {
    const error = await parseDocx(Buffer.from("Det här är ingen docx"), "gammal.docx").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).code).toBe("corrupt");
    expect((error as ParseError).message).toContain("gammal.docx");
  });

  it("rejects a truncated DOCX as corrupt", async () => {
    const bytes = (await fixture("rutin.docx")).subarray(0, 2000);
    const error = await parseDocx(bytes, "trasig.docx").catch((e: unknown) => e);
    expect((error as ParseError).code).toBe("corrupt");
  });
});

import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { markdownToBlocks, parseMarkdown, splitFrontMatter } from "../../../../ingest/parse/markdown.js";

const fixture = (name: string) => readFile(new URL(`../../../fixtures/files/${name}`, import.meta.url));

describe("parseMarkdown", () => {
  it("reads Swedish front matter keys into metadata", async () => {
    const parsed = await parseMarkdown(await fixture("rutin.md"), "rutin.md");
    expect(parsed.metadata).toEqual({
      title: "Rutin för orosanmälan",
      owner: "Enhetschef barn och unga",
      version: "2.1",
      reviewBy: "2026-06-30",
      collection: "barn-och-unga",
    });
    expect(parsed.title).toBe("Rutin för orosanmälan");
    expect(parsed.warnings).toEqual([]);
  });

  it("produces plain-text blocks: links, emphasis and code marks removed", async () => {
    const parsed = await parseMarkdown(await fixture("rutin.md"), "rutin.md");
    expect(parsed.blocks).toEqual([
      { kind: "heading", level: 1, text: "Orosanmälan som gäller barn", page: null },
      {
        kind: "paragraph",
        text: "Alla som arbetar inom socialtjänsten är skyldiga att genast anmäla oro för att ett barn far illa, enligt 14 kap. 1 § SoL.",
        page: null,
      },
      { kind: "heading", level: 2, text: "Så här gör du", page: null },
      { kind: "list-item", ordered: true, text: "1. Skriv ned vad du har sett eller hört.", page: null },
      { kind: "list-item", ordered: true, text: "2. Ring mottagningsgruppen på 010-123 40 00.", page: null },
      { kind: "list-item", ordered: true, text: "3. Skicka den skriftliga anmälan samma dag.", page: null },
      { kind: "list-item", ordered: false, text: "Anmälan kan inte göras anonymt av anställda.", page: null },
      { kind: "list-item", ordered: false, text: "Kontakta alltid din chef.", page: null },
      { kind: "heading", level: 2, text: "Ansvar", page: null },
      { kind: "table-row", text: "Roll | Ansvar", page: null },
      { kind: "table-row", text: "Handläggare | Gör anmälan", page: null },
      { kind: "table-row", text: "Enhetschef | Följer upp", page: null },
      { kind: "paragraph", text: "Vid akut fara: ring 112.", page: null },
      { kind: "paragraph", text: "Blankett: SOC-101", page: null },
    ]);
  });

  it("turns broken front matter into a warning and keeps the text", async () => {
    const parsed = await parseMarkdown(Buffer.from("---\ntitel: [oavslutad\n---\n# Rubrik\n\nText.\n"), "trasig.md");
    expect(parsed.metadata).toEqual({});
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]).toContain("front matter");
    expect(parsed.blocks.map((b) => b.text)).toEqual(["Rubrik", "Text."]);
  });

  it("splits front matter only at the very start", () => {
    expect(splitFrontMatter("# Rubrik\n---\na: b\n---\n").yaml).toBeNull();
    expect(splitFrontMatter("---\na: b\n---\nText").body).toBe("Text");
  });

  it("handles statute-style headings and numbered points", () => {
    const blocks = markdownToBlocks("# Lag (1993:387)\n\n### 1 §\n\nDenna lag gäller personer\n\n1. med autism,\n\n2. med hjärnskada.\n");
    expect(blocks).toEqual([
      { kind: "heading", level: 1, text: "Lag (1993:387)", page: null },
      { kind: "heading", level: 3, text: "1 §", page: null },
      { kind: "paragraph", text: "Denna lag gäller personer", page: null },
      { kind: "list-item", ordered: true, text: "1. med autism,", page: null },
      { kind: "list-item", ordered: true, text: "2. med hjärnskada.", page: null },
    ]);
  });

  it("splits plain-line headings and bullets that converters leave inside paragraphs", () => {
    const blocks = markdownToBlocks("# Riktlinje\n\nSyfte\nSyftet med riktlinjen är att ge stöd.\n\nAv lagen framgår att:\n\n· avgifterna ska vara skäliga\n· avgifterna får inte överstiga självkostnaden\n");
    expect(blocks.map((b) => [b.kind, b.level ?? null, b.text])).toEqual([
      ["heading", 1, "Riktlinje"],
      ["heading", 2, "Syfte"],
      ["paragraph", null, "Syftet med riktlinjen är att ge stöd."],
      ["paragraph", null, "Av lagen framgår att:"],
      ["list-item", null, "avgifterna ska vara skäliga"],
      ["list-item", null, "avgifterna får inte överstiga självkostnaden"],
    ]);
  });

  it("drops a Word table of contents and reads one-item numbered chapters as headings", () => {
    const body = [
      "# Riktlinje för avgifter",
      "",
      "Innehållsförteckning",
      "\t",
      "1. Allmänt\t4",
      "2. Avgiftsunderlag\t4",
      "2.1 Beräkning av inkomst\t4",
      "",
      "3. Avgifter\t7",
      "",
      "1. Allmänt",
      "Avgifter för hemtjänst regleras i socialtjänstlagen.",
      "",
      "2. Avgiftsunderlag",
      "",
      "2.1 Beräkning av inkomst",
      "Med avgiftsunderlag avses nettoinkomsten.",
      "",
      "Så här gör du:",
      "",
      "1. Ring mottagningen.",
      "2. Skriv anmälan.",
    ].join("\n");
    expect(markdownToBlocks(body).map((b) => [b.kind, b.level ?? null, b.text])).toEqual([
      ["heading", 1, "Riktlinje för avgifter"],
      ["heading", 2, "1. Allmänt"],
      ["paragraph", null, "Avgifter för hemtjänst regleras i socialtjänstlagen."],
      ["heading", 2, "2. Avgiftsunderlag"],
      ["heading", 3, "2.1 Beräkning av inkomst"],
      ["paragraph", null, "Med avgiftsunderlag avses nettoinkomsten."],
      ["paragraph", null, "Så här gör du:"],
      ["list-item", null, "1. Ring mottagningen."],
      ["list-item", null, "2. Skriv anmälan."],
    ]);
  });

  it("keeps a short run of tab-separated lines that is not a table of contents", () => {
    const blocks = markdownToBlocks("Kontakt\t12\nReception\t14\n");
    expect(blocks.map((b) => b.text).join(" ")).toContain("Reception");
  });
});

import { describe, expect, it } from "vitest";
import { fixture, parseError } from "../../../helpers/parse-fixtures.js";
import { ITEM_MARK, parsePdf, pdfLinesToBlocks, toLine } from "../../../../ingest/parse/pdf.js";


describe("parsePdf on a three-page routine", () => {
  it("keeps page numbers, title and Swedish characters", async () => {
    const parsed = await parsePdf(await fixture("rutin-3-sidor.pdf"), "rutin-3-sidor.pdf");
    expect(parsed.format).toBe("pdf");
    expect(parsed.pages).toBe(3);
    expect(parsed.title).toBe("Rutin för ekonomiskt bistånd");
    expect(parsed.warnings).toEqual([]);
    expect(parsed.pagesWithoutText).toEqual([]);
    expect(new Set(parsed.blocks.map((b) => b.page))).toEqual(new Set([1, 2, 3]));
    const overklagande = parsed.blocks.find((b) => b.text === "5 Överklagande");
    expect(overklagande).toMatchObject({ kind: "heading", page: 3 });
  });

  it("removes the running header and the page footer from every page", async () => {
    const parsed = await parsePdf(await fixture("rutin-3-sidor.pdf"), "rutin-3-sidor.pdf");
    const all = parsed.blocks.map((b) => b.text).join("\n");
    expect(all).not.toContain("Socialförvaltningen Ekby kommun –");
    expect(all).not.toMatch(/Sida \d av 3/);
  });

  it("recognises numbered headings with levels under the document title", async () => {
    const parsed = await parsePdf(await fixture("rutin-3-sidor.pdf"), "rutin-3-sidor.pdf");
    const headings = parsed.blocks.filter((b) => b.kind === "heading").map((b) => [b.level, b.text]);
    expect(headings).toEqual([
      [1, "Rutin för ekonomiskt bistånd"],
      [2, "1 Syfte"],
      [2, "2 Ansvar"],
      [3, "2.1 Särskilda överväganden"],
      [2, "3 Handläggning"],
      [2, "4 Riksnorm"],
      [2, "5 Överklagande"],
      [2, "6 Uppföljning"],
    ]);
  });

  it("joins wrapped lines and hyphenated words into one paragraph", async () => {
    const parsed = await parsePdf(await fixture("rutin-3-sidor.pdf"), "rutin-3-sidor.pdf");
    expect(parsed.blocks).toContainEqual({
      kind: "paragraph",
      page: 1,
      text: "Rutinen beskriver hur handläggare på socialförvaltningen hanterar ansökningar om ekonomiskt bistånd. Ansökan lämnas till socialtjänsten via e-tjänsten eller på blankett.",
    });
    expect(parsed.blocks).toContainEqual({
      kind: "paragraph",
      page: 1,
      text: "Enhetschefen ansvarar för att rutinen är känd. Handläggaren ansvarar för att utredningen är komplett och att beslut fattas inom fjorton dagar.",
    });
  });

  it("keeps numbered steps as ordered list items with their numbers", async () => {
    const parsed = await parsePdf(await fixture("rutin-3-sidor.pdf"), "rutin-3-sidor.pdf");
    const steps = parsed.blocks.filter((b) => b.kind === "list-item");
    expect(steps.map((b) => b.text)).toEqual([
      "1. Registrera ansökan i verksamhetssystemet samma dag.",
      "2. Kontrollera att underlag för inkomster och utgifter finns.",
      "3. Boka ett nybesök inom sju arbetsdagar.",
      "4. Fatta beslut och skicka beslutet till sökanden.",
    ]);
    expect(steps.every((b) => b.ordered === true && b.page === 2)).toBe(true);
  });

  it("turns table lines into table rows", async () => {
    const parsed = await parsePdf(await fixture("rutin-3-sidor.pdf"), "rutin-3-sidor.pdf");
    const rows = parsed.blocks.filter((b) => b.kind === "table-row").map((b) => b.text);
    expect(rows).toEqual(["Hushåll | Belopp per månad", "Ensamstående | 3 550 kr", "Sambor | 6 410 kr"]);
  });
});

describe("parsePdf on problem files", () => {
  it("warns about a page without a text layer and lists it", async () => {
    const parsed = await parsePdf(await fixture("skannad-sida.pdf"), "skannad-sida.pdf");
    expect(parsed.pages).toBe(2);
    expect(parsed.pagesWithoutText).toEqual([2]);
    expect(parsed.warnings).toEqual(["Sida 2 saknar textlager och behöver OCR."]);
    expect(parsed.blocks.every((b) => b.page === 1)).toBe(true);
    expect(parsed.blocks.map((b) => b.text)).toContain("Nästa sida är en inskannad blankett som saknar textlager.");
  });

  it("rejects a password-protected PDF as encrypted", async () => {
    const error = await parseError(parsePdf(await fixture("krypterad.pdf"), "krypterad.pdf"));
    expect(error.code).toBe("encrypted");
    expect(error.message).toContain("krypterad.pdf är lösenordsskyddad");
  });

  it("rejects a truncated PDF as corrupt", async () => {
    const error = await parseError(parsePdf(await fixture("trasig.pdf"), "trasig.pdf"));
    expect(error.code).toBe("corrupt");
    expect(error.message).toContain("trasig.pdf är skadad");
  });

  it("rejects bytes without a PDF header as corrupt", async () => {
    const error = await parseError(parsePdf(Buffer.from("hej hej, inte en pdf"), "fel.pdf"));
    expect(error.code).toBe("corrupt");
    expect(error.message).toContain("saknar %PDF-huvud");
  });

  it("rejects an empty file", async () => {
    const error = await parseError(parsePdf(await fixture("tom.pdf"), "tom.pdf"));
    expect(error.code).toBe("empty-file");
  });
});

describe("pdfLinesToBlocks", () => {
  const lines = (...raw: string[]) => raw.map((r) => toLine(r.replace(/¦/g, ITEM_MARK)));

  it("tells chapter headings written '4. Rubrik' from numbered steps", () => {
    const drafts = pdfLinesToBlocks([
      lines(
        "3. Vem beslutar?",
        "Beslut fattas av nämnden.",
        "4. Arbetsgång under kontorstid",
        "1. Ring ordföranden.",
        "2. Skicka begäran.",
        "3. Dokumentera beslutet.",
        "5. Uppföljning",
        "Rutinen följs upp årligen.",
      ),
    ]);
    expect(drafts.map((d) => [d.kind, d.text])).toEqual([
      ["heading", "3. Vem beslutar?"],
      ["paragraph", "Beslut fattas av nämnden."],
      ["heading", "4. Arbetsgång under kontorstid"],
      ["list-item", "1. Ring ordföranden."],
      ["list-item", "2. Skicka begäran."],
      ["list-item", "3. Dokumentera beslutet."],
      ["heading", "5. Uppföljning"],
      ["paragraph", "Rutinen följs upp årligen."],
    ]);
  });

  it("keeps a hanging-indent step as one list item, not a table row", () => {
    const drafts = pdfLinesToBlocks([lines("1.¦ ¦Barnet har rätt till offentligt biträde.", "2.¦ ¦Ett barn över 15 år för sin egen talan.")]);
    expect(drafts.map((d) => [d.kind, d.ordered, d.text])).toEqual([
      ["list-item", true, "1. Barnet har rätt till offentligt biträde."],
      ["list-item", true, "2. Ett barn över 15 år för sin egen talan."],
    ]);
  });

  it("continues a paragraph across a page break when the next page starts in lower case", () => {
    const drafts = pdfLinesToBlocks([lines("Ansökan ska lämnas till handläggaren som ansvarar för"), lines("ärendet senast den tionde.")]);
    expect(drafts).toEqual([{ kind: "paragraph", page: 1, text: "Ansökan ska lämnas till handläggaren som ansvarar för ärendet senast den tionde." }]);
  });
});

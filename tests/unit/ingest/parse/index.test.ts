import { describe, expect, it } from "vitest";
import { fixture, parseError } from "../../../helpers/parse-fixtures.js";
import { SUPPORTED_EXTENSIONS, isSupportedFile, parseFile } from "../../../../ingest/parse/index.js";


describe("parseFile", () => {
  it.each([
    ["rutin-3-sidor.pdf", "pdf"],
    ["rutin.docx", "docx"],
    ["rutin.html", "html"],
    ["rutin.md", "markdown"],
    ["utf8.txt", "text"],
  ])("dispatches %s to the %s parser", async (name, format) => {
    const parsed = await parseFile(await fixture(name), name);
    expect(parsed.format).toBe(format);
    expect(parsed.blocks.length).toBeGreaterThan(3);
  });

  it("matches extensions case-insensitively and accepts .htm and .markdown", async () => {
    expect((await parseFile(await fixture("rutin.html"), "RUTIN.HTM")).format).toBe("html");
    expect((await parseFile(await fixture("rutin.md"), "rutin.markdown")).format).toBe("markdown");
    expect(SUPPORTED_EXTENSIONS).toEqual([".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt"]);
    expect(isSupportedFile("a/b/Rutin.PDF")).toBe(true);
    expect(isSupportedFile("rutin.doc")).toBe(false);
  });

  it("rejects an unsupported extension, naming it and the allowed ones", async () => {
    const error = await parseError(parseFile(await fixture("okant.xyz"), "okant.xyz"));
    expect(error.code).toBe("unsupported-format");
    expect(error.status).toBe(415);
    expect(error.message).toBe(
      'Filformatet ".xyz" för okant.xyz stöds inte. Tillåtna format: .pdf, .docx, .html, .htm, .md, .markdown, .txt.',
    );
  });

  it("rejects empty files of any format", async () => {
    for (const name of ["tom.txt", "tom.pdf"]) {
      const error = await parseError(parseFile(await fixture(name), name));
      expect(error.code).toBe("empty-file");
      expect(error.message).toContain(name);
    }
    expect((await parseError(parseFile(Buffer.alloc(0), "tom.docx"))).code).toBe("empty-file");
  });

  it("rejects files over the size limit", async () => {
    const error = await parseError(parseFile(await fixture("utf8.txt"), "utf8.txt", { maxBytes: 100 }));
    expect(error.code).toBe("too-large");
  });

  it("passes on the parsers' own errors", async () => {
    expect((await parseError(parseFile(await fixture("krypterad.pdf"), "krypterad.pdf"))).code).toBe("encrypted");
    expect((await parseError(parseFile(await fixture("trasig.pdf"), "trasig.pdf"))).code).toBe("corrupt");
    expect((await parseError(parseFile(await fixture("skrap.txt"), "skrap.txt"))).code).toBe("binary-content");
  });
});

import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyOcr, ocrAvailability } from "../../ingest/ocr.js";
import { parseFile } from "../../ingest/parse/index.js";
import { runIngest } from "../../ingest/pipeline.js";
import type { AdminDocument } from "../../src/admin/documents.js";
import { buildAdminApp, uploadForm, type AdminApp } from "../helpers/admin-app.js";
import { tempDir, testConfig } from "../helpers/fixture-index.js";

const SCANNED = path.resolve("tests/fixtures/files/skannad-text.pdf");
const ocr = await ocrAvailability("swe");
if (!ocr.available) {
  console.warn(`OCR-testerna hoppas över: ${ocr.reason}. Installera med: apt-get install -y tesseract-ocr tesseract-ocr-swe poppler-utils`);
}

let dir: string;
beforeAll(async () => {
  dir = await tempDir("rutinsvar-ocr-");
});
afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

describe("scanned PDF pages without OCR", () => {
  it("reports the page without a text layer instead of dropping it (OCR=off)", async () => {
    const corpus = path.join(dir, "off");
    await fs.mkdir(corpus);
    await fs.copyFile(SCANNED, path.join(corpus, "nyckelhantering.pdf"));
    const config = testConfig({ INDEX_DIR: path.join(dir, "off-index"), OCR: "off" });
    const summary = await runIngest({ corpusDir: corpus, indexDir: config.indexDir, config });
    expect(summary.results[0]!.warnings).toContain("Sida 2 saknar textlager och behöver OCR.");
  });
});

describe.skipIf(!ocr.available)("scanned PDF pages with tesseract (swe)", () => {
  it("reads the image-only page and merges it after page 1", async () => {
    const bytes = await fs.readFile(SCANNED);
    const parsed = await parseFile(bytes, "skannad-text.pdf");
    expect((parsed as { pagesWithoutText?: number[] }).pagesWithoutText).toEqual([2]);
    const read = await applyOcr(parsed, bytes, { language: "swe" });
    const page2 = read.blocks.filter((b) => b.page === 2).map((b) => b.text).join("\n");
    expect(page2).toMatch(/nyckelkvittensen i den gröna pärmen/);
    expect(page2).toMatch(/låsbyte/);
    expect(read.blocks.findIndex((b) => b.page === 2)).toBeGreaterThan(read.blocks.findIndex((b) => b.page === 1));
    expect(read.warnings.some((w) => /saknar textlager/.test(w))).toBe(false);
    expect(read.warnings).toContain("Sida 2 lästes med OCR; texten kan innehålla feltolkningar.");
  });

  describe("through the admin API", () => {
    let fx: AdminApp;
    beforeAll(async () => {
      fx = await buildAdminApp();
    });
    afterAll(async () => fx?.cleanup());

    it("an uploaded scan is OCR'd, listed with its warning and cited on page 2", async () => {
      const res = await fx.admin("/api/admin/documents", {
        method: "POST",
        body: uploadForm([{ name: "nyckelhantering.pdf", content: await fs.readFile(SCANNED), type: "application/pdf" }]),
      });
      expect(res.status).toBe(202);
      const job = await fx.waitForJob(((await res.json()) as { jobId: string }).jobId);
      expect(job.status).toBe("succeeded");
      const docs = ((await (await fx.admin("/api/admin/documents")).json()) as { documents: AdminDocument[] }).documents;
      const doc = docs.find((d) => d.source === "nyckelhantering.pdf")!;
      expect(doc.pages).toBe(2);
      expect(doc.warnings.join(" ")).toMatch(/lästes med OCR/);
      const answer = await fx.ask("Var ska personalen signera nyckelkvittensen för huvudnyckeln?");
      const cite = answer.citations.find((c) => c.source === "nyckelhantering.pdf");
      expect(cite).toBeDefined();
      expect(cite!.page).toBe(2);
    });
  });
});

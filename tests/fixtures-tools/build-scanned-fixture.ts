/**
 * Builds tests/fixtures/files/skannad-text.pdf: page 1 has a text layer,
 * page 2 is only an IMAGE of Swedish text (like a scanned routine), so OCR is
 * the only way to read it. Needs `pdftoppm` (poppler-utils) to rasterise.
 * Rerun with `npx tsx tests/fixtures-tools/build-scanned-fixture.ts`.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { renderPdf } from "./pdf-buffer.js";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "fixtures", "files", "skannad-text.pdf");
/** One A4 page layout for both the page to scan and the result. */
const PAGE = { size: "A4", margin: 72, info: { Title: "Nyckelhantering" } } as const;

export const SCANNED_LINES = [
  "Kvittering av huvudnyckel",
  "Personal som kvitterar ut huvudnyckeln ska signera nyckelkvittensen i den gröna pärmen på expeditionen.",
  "Förlorad nyckel anmäls samma dag till enhetschefen, som beslutar om låsbyte.",
];

async function main() {
  const work = await mkdtemp(join(os.tmpdir(), "skannad-"));
  try {
    // 1. A plain text PDF of the page to "scan".
    const textPdf = await renderPdf(PAGE, (doc) => {
      doc.font("Helvetica-Bold").fontSize(20).text(SCANNED_LINES[0]!);
      doc.moveDown();
      doc.font("Helvetica").fontSize(14);
      for (const line of SCANNED_LINES.slice(1)) doc.text(line).moveDown();
    });
    await writeFile(join(work, "text.pdf"), textPdf);
    // 2. Rasterise it: from here on the words are pixels only.
    await run("pdftoppm", ["-r", "150", "-png", "-singlefile", join(work, "text.pdf"), join(work, "page")]);
    const png = await readFile(join(work, "page.png"));
    // 3. A PDF whose first page has a text layer and whose second page is the image.
    const scanned = await renderPdf(PAGE, (doc) => {
      doc.font("Helvetica-Bold").fontSize(20).text("Nyckelhantering i boendet");
      doc.moveDown();
      doc.font("Helvetica").fontSize(12).text("Rutinen gäller alla medarbetare på boendet. Nycklar förvaras i det låsta nyckelskåpet.");
      doc.addPage({ size: "A4", margin: 0 });
      doc.image(png, 0, 0, { width: doc.page.width, height: doc.page.height });
    });
    await writeFile(target, scanned);
    console.log(`Skrev ${target} (${scanned.length} byte)`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();

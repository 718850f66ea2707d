/**
 * Renders a source document to a multi-page A4 PDF with pdfkit: running header
 * and "Rutin: … | Version … | Sida N av M" footer on every page, bold headings,
 * hanging-indent numbered steps and ruled tables. Uses the built-in Helvetica
 * (WinAnsi encoding), so the text must stay within Windows-1252.
 */
import PDFDocument from "pdfkit";
import { findNonCp1252 } from "./cp1252.js";
import type { SourceBlock, SourceDocument } from "./source-format.js";

/** Header line printed at the top of every page of every sample PDF. */
export const PDF_HEADER = "Exempelby kommun – Socialförvaltningen";

/** Fixed date so that rebuilding gives byte-identical PDFs (pdfkit derives the file ID from it). */
const FIXED_DATE = new Date("2026-01-15T08:00:00Z");

const MARGIN = { top: 78, bottom: 74, left: 64, right: 64 };
const BODY = { font: "Helvetica", size: 10.5 };
const TABLE_SIZE = 9.5;
const HEADING_SIZE: Record<1 | 2 | 3, number> = { 1: 17, 2: 13.5, 3: 11.5 };

/** Thrown when a document cannot be rendered faithfully. */
class PdfRenderError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`render-pdf: ${file}: ${reason}`);
    this.name = "PdfRenderError";
  }
}

/** Renders `source` to PDF bytes; two passes so the footer knows the page count. */
export async function renderPdf(source: SourceDocument): Promise<{ bytes: Buffer; pages: number }> {
  assertWinAnsi(source);
  const first = await renderPass(source, 0);
  const second = await renderPass(source, first.pages);
  if (second.pages !== first.pages) {
    throw new PdfRenderError(source.meta.output, `sidantalet ändrades mellan passen (${first.pages} → ${second.pages})`);
  }
  return second;
}

function assertWinAnsi(source: SourceDocument): void {
  const all = JSON.stringify(source.blocks) + source.meta.title + source.meta.routineName;
  const bad = findNonCp1252(all);
  if (bad) throw new PdfRenderError(source.meta.output, `tecknet "${bad.char}" finns inte i Helvetica/WinAnsi`);
}

function renderPass(source: SourceDocument, totalPages: number): Promise<{ bytes: Buffer; pages: number }> {
  const { meta } = source;
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    autoFirstPage: false,
    bufferPages: true,
    info: {
      Title: meta.title,
      Author: `Exempelby kommun, Socialförvaltningen, ${meta.owner}`,
      Subject: meta.routineName,
      Keywords: meta.collection,
      CreationDate: FIXED_DATE,
      ModDate: FIXED_DATE,
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  // The current body font is tracked here because the page furniture drawn in
  // "pageAdded" runs in the middle of a text flow and must hand the flow back
  // exactly the font it had.
  const state = { font: BODY.font, size: BODY.size };
  const setFont = (font: string, size: number) => {
    state.font = font;
    state.size = size;
    doc.font(font).fontSize(size);
  };

  let pageNo = 0;
  doc.on("pageAdded", () => {
    pageNo++;
    const { x, y } = doc;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fillColor("#444444").font("Helvetica").fontSize(8.5);
    doc.text(PDF_HEADER, MARGIN.left, 40, { width, lineBreak: false });
    doc.text(meta.owner, MARGIN.left, 40, { width, align: "right", lineBreak: false });
    doc.moveTo(MARGIN.left, 54).lineTo(doc.page.width - MARGIN.right, 54).lineWidth(0.5).strokeColor("#888888").stroke();
    const footer = `Rutin: ${meta.routineName} | Version ${meta.versionLabel} | Sida ${pageNo} av ${totalPages || "?"}`;
    doc.moveTo(MARGIN.left, doc.page.height - 56).lineTo(doc.page.width - MARGIN.right, doc.page.height - 56).stroke();
    doc.text(footer, MARGIN.left, doc.page.height - 48, { width, align: "center", lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.fillColor("black").strokeColor("black");
    doc.font(state.font).fontSize(state.size);
    doc.x = x;
    doc.y = y;
  });

  doc.addPage();
  setFont(BODY.font, BODY.size);
  for (const block of source.blocks) drawBlock(doc, block, setFont);
  const pages = doc.bufferedPageRange().count;
  doc.end();
  return done.then((bytes) => ({ bytes, pages }));
}

type SetFont = (font: string, size: number) => void;

function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - MARGIN.left - MARGIN.right;
}

function maxY(doc: PDFKit.PDFDocument): number {
  return doc.page.height - MARGIN.bottom;
}

/** Starts a new page when fewer than `needed` points remain, to avoid stranded headings and rows. */
function ensureSpace(doc: PDFKit.PDFDocument, needed: number): void {
  if (doc.y + needed > maxY(doc)) doc.addPage();
}

function drawBlock(doc: PDFKit.PDFDocument, block: SourceBlock, setFont: SetFont): void {
  const width = contentWidth(doc);
  switch (block.kind) {
    case "heading": {
      const size = HEADING_SIZE[block.level];
      ensureSpace(doc, size * 5);
      if (block.level > 1) doc.moveDown(0.6);
      setFont("Helvetica-Bold", size);
      doc.text(block.text, MARGIN.left, doc.y, { width });
      doc.moveDown(block.level === 1 ? 0.8 : 0.35);
      setFont(BODY.font, BODY.size);
      return;
    }
    case "paragraph": {
      ensureSpace(doc, BODY.size * 3);
      doc.text(block.text, MARGIN.left, doc.y, { width, lineGap: 2 });
      doc.moveDown(0.55);
      return;
    }
    case "ordered":
    case "bullets": {
      const indent = 22;
      block.items.forEach((item, i) => {
        ensureSpace(doc, BODY.size * 2.5);
        const y = doc.y;
        const label = block.kind === "ordered" ? `${i + 1}.` : "•";
        doc.text(label, MARGIN.left + 4, y, { width: indent - 4, lineBreak: false });
        doc.text(item, MARGIN.left + indent, y, { width: width - indent, lineGap: 2 });
        doc.moveDown(0.3);
      });
      doc.moveDown(0.35);
      return;
    }
    case "table":
      drawTable(doc, block.header, block.rows, setFont);
      return;
  }
}

/**
 * Column widths: every column first gets room for its longest word (so no word
 * is split across lines), the rest is shared in proportion to text length.
 */
function columnWidths(doc: PDFKit.PDFDocument, header: string[], rows: string[][], pad: number): number[] {
  const total = contentWidth(doc);
  const cells = (c: number) => [header[c] ?? "", ...rows.map((r) => r[c] ?? "")];
  const minimum = header.map((_, c) => {
    const words = cells(c).flatMap((t) => t.split(/\s+/));
    doc.font("Helvetica-Bold").fontSize(TABLE_SIZE);
    return Math.max(...words.map((w) => doc.widthOfString(w))) + 2 * pad + 2;
  });
  const weights = header.map((_, c) => Math.min(Math.max(...cells(c).map((t) => t.length), 10), 60));
  const spare = Math.max(0, total - minimum.reduce((a, b) => a + b, 0));
  const sum = weights.reduce((a, b) => a + b, 0);
  return minimum.map((m, c) => m + (weights[c]! / sum) * spare);
}

function drawTable(doc: PDFKit.PDFDocument, header: string[], rows: string[][], setFont: SetFont): void {
  const pad = 4;
  const size = TABLE_SIZE;
  const widths = columnWidths(doc, header, rows, pad);
  const rowHeight = (cells: string[], bold: boolean) => {
    setFont(bold ? "Helvetica-Bold" : "Helvetica", size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], bold: boolean) => {
    const h = rowHeight(cells, bold);
    if (doc.y + h > maxY(doc)) {
      doc.addPage();
      if (!bold) drawRow(header, true);
    }
    const y = doc.y;
    let x = MARGIN.left;
    if (bold) doc.rect(x, y, contentWidth(doc), h).fillColor("#e6e6e6").fill().fillColor("black");
    setFont(bold ? "Helvetica-Bold" : "Helvetica", size);
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      doc.rect(x, y, w, h).lineWidth(0.5).strokeColor("#555555").stroke();
      doc.text(cell, x + pad, y + pad, { width: w - 2 * pad });
      x += w;
    });
    doc.x = MARGIN.left;
    doc.y = y + h;
  };
  ensureSpace(doc, 60);
  drawRow(header, true);
  for (const row of rows) drawRow(header.map((_, i) => row[i] ?? ""), false);
  setFont(BODY.font, BODY.size);
  doc.moveDown(0.8);
}

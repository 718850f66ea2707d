/**
 * PDF parser on pdf-parse 2.x. PDF text arrives as hard-wrapped lines per
 * page with no paragraph marks, so structure is rebuilt from line shapes:
 * running headers/footers are removed, wrapped lines and hyphenated words are
 * joined, and headings, numbered steps and table rows are recognised.
 * Pages without a text layer (scans) are reported, never dropped silently.
 */
import { PDFParse } from "pdf-parse";
import type { ParsedFile } from "../../src/core/schemas.js";
import { ParseError } from "./errors.js";
import {
  BULLET_RE,
  ORDERED_ITEM_RE,
  collapseWhitespace,
  endsMidSentence,
  endsSentence,
  finalizeBlocks,
  isAllCapsHeading,
  isShortHeadingCandidate,
  joinWrapped,
  numberedHeadingDepth,
  numberedTitleNumber,
  orderedItemNumber,
  startsLowerCase,
  type DraftBlock,
} from "./line-rules.js";
import { isPageNumberLine } from "./text.js";

/** A parsed PDF also lists the pages that had no extractable text. */
export interface ParsedPdf extends ParsedFile {
  /** 1-based numbers of pages without a text layer (scanned images); they need OCR. */
  pagesWithoutText: number[];
}

/** Joins pdf.js text items so that gaps between items (table cells) stay visible. */
export const ITEM_MARK = "\u0001";
/** Fewer visible characters than this on a page means it has no usable text layer. */
const MIN_PAGE_CHARS = 10;
/** How many lines at the top and bottom of a page may hold a running header or footer. */
const EDGE_LINES = 3;

/** One extracted PDF line. */
export interface PdfLine {
  text: string;
  /** Cells when the line has wide gaps between text items (a table row), otherwise one cell. */
  cells: string[];
}

/**
 * Splits one extracted line into cells at whitespace-only items or tab
 * separators. `raw` is pdf-parse output joined with ITEM_MARK ("\u0001").
 */
export function toLine(raw: string): PdfLine {
  const cells: string[] = [];
  let current = "";
  for (const item of raw.split(ITEM_MARK)) {
    const parts = item.split("\t");
    parts.forEach((part, index) => {
      if (index > 0 || (item.length > 0 && part.trim().length === 0 && current.trim().length > 0)) {
        if (current.trim().length > 0) cells.push(collapseWhitespace(current));
        current = index > 0 ? part : "";
        return;
      }
      current += part;
    });
  }
  if (current.trim().length > 0) cells.push(collapseWhitespace(current));
  // A hanging-indent list ("2." then a gap then the text) is one item, not two cells.
  const first = cells[0];
  if (first !== undefined && cells.length >= 2 && /^(\d{1,2}[.)]|[•◦▪▫●○■□·‣⁃∙➢►\-–—*])$/.test(first)) {
    cells.splice(0, 2, `${first} ${cells[1] ?? ""}`);
  }
  return { text: collapseWhitespace(cells.join(" ")), cells };
}

/** Running header/footer key: digits vary per page ("Sida 2 av 3"), so they are masked. */
function edgeKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, "#");
}

/**
 * Finds lines that repeat at the top or bottom of at least half the pages
 * (documents with two or more pages), plus bare page numbers at the edges.
 * Returns, per page, the indexes of the lines to drop.
 */
function runningLineIndexes(pages: string[][]): Set<number>[] {
  const edges = (lines: string[]): number[] => {
    const idx: number[] = [];
    for (let i = 0; i < lines.length; i++) if (i < EDGE_LINES || i >= lines.length - EDGE_LINES) idx.push(i);
    return idx;
  };
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const keys = new Set(edges(lines).map((i) => edgeKey(lines[i] ?? "")));
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(2, Math.ceil(pages.length / 2));
  return pages.map((lines) => {
    return new Set(
      edges(lines).filter((i) => {
        const line = lines[i] ?? "";
        return (pages.length >= 2 && (counts.get(edgeKey(line)) ?? 0) >= threshold) || isPageNumberLine(line);
      }),
    );
  });
}

function mapPdfError(error: unknown, fileName: string): ParseError {
  const name = (error as { name?: string } | null)?.name ?? "";
  const message = (error as { message?: string } | null)?.message ?? String(error);
  if (name === "PasswordException") {
    return new ParseError("encrypted", fileName, `PDF-filen ${fileName} är lösenordsskyddad och kan inte läsas. Spara en version utan lösenord.`, { cause: error });
  }
  return new ParseError("corrupt", fileName, `PDF-filen ${fileName} är skadad eller ofullständig och kan inte läsas (${message}).`, { cause: error });
}

/** Reads per-page text and the document title with pdf-parse. */
async function extract(bytes: Uint8Array, fileName: string): Promise<{ pages: string[]; title: string | null }> {
  // pdf.js may transfer (detach) the buffer it is given, so it gets its own copy.
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    const info = await parser.getInfo();
    const result = await parser.getText({ itemJoiner: ITEM_MARK, pageJoiner: "" });
    const byNumber = new Map(result.pages.map((p) => [p.num, p.text]));
    const pages: string[] = [];
    for (let n = 1; n <= result.total; n++) pages.push(byNumber.get(n) ?? "");
    const rawTitle: unknown = info.info?.Title;
    const title = typeof rawTitle === "string" && rawTitle.trim().length > 0 ? rawTitle.trim() : null;
    return { pages, title };
  } catch (error) {
    throw mapPdfError(error, fileName);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

/**
 * True for lines that look like rows of a table: three or more cells, or two with another
 * multi-cell line within six lines (cells that wrap put single-cell lines in between).
 */
function tableLineFlags(lines: PdfLine[]): boolean[] {
  return lines.map((line, i) => {
    if (line.cells.length < 2) return false;
    if (line.cells.length >= 3) return true;
    for (let j = Math.max(0, i - 6); j <= Math.min(lines.length - 1, i + 6); j++) {
      if (j !== i && (lines[j]?.cells.length ?? 0) >= 2) return true;
    }
    return false;
  });
}

/** Rebuilds blocks from the cleaned lines of every page. Exported for tests. */
export function pdfLinesToBlocks(pages: PdfLine[][]): DraftBlock[] {
  const lengths = pages.flat().map((l) => l.text.length);
  const maxLength = lengths.length > 0 ? Math.max(...lengths) : 0;
  const drafts: DraftBlock[] = [];
  let current: DraftBlock | null = null;
  // Number of the latest "N. Rubrik" chapter heading; chapters count up through the document.
  let lastChapter = 0;

  pages.forEach((lines, pageIndex) => {
    const page = pageIndex + 1;
    const isTable = tableLineFlags(lines);
    // A paragraph stopped mid-sentence at the page bottom continues on the next page in lower case.
    const firstLine = lines[0];
    if (current && !(firstLine && current.kind === "paragraph" && endsMidSentence(current.text) && startsLowerCase(firstLine.text))) {
      current = null;
    }

    lines.forEach((line, i) => {
      const text = line.text;
      const next = lines[i + 1];
      const blockEnded = current === null || current.kind === "table-row" || endsSentence(current.text);

      if (isTable[i]) {
        current = { kind: "table-row", text: line.cells.join(" | "), page };
        drafts.push(current);
        return;
      }
      // Text of a wrapped table cell comes out as short lines between the rows; keep it with its row.
      if (current?.kind === "table-row" && text.length < maxLength * 0.5 && !ORDERED_ITEM_RE.test(text) && numberedHeadingDepth(text) === null) {
        current.text = joinWrapped(current.text, text);
        return;
      }
      const chapter = numberedTitleNumber(text);
      if (chapter !== null && blockEnded && !startsLowerCase(next?.text ?? "") && orderedItemNumber(next?.text ?? "") !== chapter + 1) {
        const previous = drafts[drafts.length - 1];
        const continuesList = previous?.kind === "list-item" && previous.ordered === true && orderedItemNumber(previous.text) === chapter - 1;
        if (!continuesList || lastChapter === chapter - 1) {
          lastChapter = chapter;
          current = null;
          drafts.push({ kind: "heading", text, page, hint: { kind: "numbered", depth: 1 } });
          return;
        }
      }
      if (ORDERED_ITEM_RE.test(text)) {
        current = { kind: "list-item", ordered: true, text, page };
        drafts.push(current);
        return;
      }
      if (BULLET_RE.test(text)) {
        current = { kind: "list-item", ordered: false, text: text.replace(BULLET_RE, ""), page };
        drafts.push(current);
        return;
      }
      const depth = numberedHeadingDepth(text);
      if (depth !== null && blockEnded) {
        current = null;
        drafts.push({ kind: "heading", text, page, hint: { kind: "numbered", depth } });
        return;
      }
      if (blockEnded && isAllCapsHeading(text)) {
        current = null;
        drafts.push({ kind: "heading", text, page, hint: { kind: "caps" } });
        return;
      }
      const nextStartsBlock = next !== undefined && !startsLowerCase(next.text);
      if (blockEnded && nextStartsBlock && isShortHeadingCandidate(text, 70) && !/[?:]$/.test(text)) {
        current = null;
        drafts.push({ kind: "heading", text, page, hint: { kind: "short" } });
        return;
      }
      const continues =
        current !== null && (current.kind === "paragraph" ? true : !endsSentence(current.text) || startsLowerCase(text));
      if (current && continues) {
        current.text = joinWrapped(current.text, text);
      } else {
        current = { kind: "paragraph", text, page };
        drafts.push(current);
      }
      // A sentence that ends on a clearly short line ends the paragraph.
      if (endsSentence(text) && text.length < maxLength * 0.8) current = null;
    });
  });
  return drafts;
}

/**
 * Parses a PDF. Throws ParseError "encrypted" for password-protected files and
 * "corrupt" for files pdf.js cannot read; pages without text become warnings.
 */
export async function parsePdf(bytes: Uint8Array, fileName: string): Promise<ParsedPdf> {
  if (bytes.length === 0) throw new ParseError("empty-file", fileName, `Filen ${fileName} är tom (0 byte).`);
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  if (!head.includes("%PDF-")) {
    throw new ParseError("corrupt", fileName, `Filen ${fileName} är inte en PDF (saknar %PDF-huvud i början av filen).`);
  }
  const { pages: rawPages, title: infoTitle } = await extract(bytes, fileName);

  const pageLines = rawPages.map((raw) =>
    raw
      .split("\n")
      .map(toLine)
      .filter((line) => line.text.length > 0),
  );
  const running = runningLineIndexes(pageLines.map((lines) => lines.map((l) => l.text)));
  const cleaned = pageLines.map((lines, p) => lines.filter((_, i) => !running[p]?.has(i)));

  const warnings: string[] = [];
  const pagesWithoutText: number[] = [];
  cleaned.forEach((lines, index) => {
    const visible = lines.map((l) => l.text).join("").replace(/\s/g, "").length;
    if (visible < MIN_PAGE_CHARS) {
      pagesWithoutText.push(index + 1);
      warnings.push(`Sida ${index + 1} saknar textlager och behöver OCR.`);
    }
  });
  if (rawPages.length === 0) warnings.push("PDF-filen innehåller inga sidor.");
  else if (pagesWithoutText.length === rawPages.length) warnings.push("Ingen sida i PDF-filen har ett textlager; dokumentet behöver OCR innan det kan användas.");

  const blocks = finalizeBlocks(pdfLinesToBlocks(cleaned));
  const firstHeading = blocks.find((b) => b.kind === "heading");
  return {
    title: infoTitle ?? firstHeading?.text ?? null,
    format: "pdf",
    pages: rawPages.length,
    blocks,
    warnings,
    metadata: {},
    pagesWithoutText,
  };
}

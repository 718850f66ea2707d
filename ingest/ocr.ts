/**
 * OCR for PDF pages without a text layer (scanned routines). Each page is
 * rendered with `pdftoppm` and read with `tesseract -l swe`; both are external
 * programs (Debian: poppler-utils, tesseract-ocr, tesseract-ocr-swe), called
 * with execFile and timeouts. Without them the pages stay reported as warnings.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Block, ParsedFile } from "../src/core/schemas.js";
import { finalizeBlocks } from "./parse/line-rules.js";
import { pdfLinesToBlocks, toLine } from "./parse/pdf.js";

const run = promisify(execFile);

/** Resolution the page is rendered at; 200 dpi reads body text reliably without huge images. */
const RENDER_DPI = 200;
/** Longest time one page may take to render or to read (ms). */
const STEP_TIMEOUT_MS = 60_000;
/** Output larger than this from tesseract is cut off (a page is a few kB of text). */
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

export interface OcrOptions {
  /** Tesseract language(s), e.g. "swe" or "swe+eng". */
  language: string;
}

/** What this machine can do; probed once per process. */
export interface OcrAvailability {
  available: boolean;
  /** Why OCR is unavailable, in Swedish, for warnings. */
  reason?: string;
}

const probes = new Map<string, Promise<OcrAvailability>>();

/** Checks that pdftoppm and tesseract with `language` are installed. Cached per language. */
export function ocrAvailability(language: string): Promise<OcrAvailability> {
  let probe = probes.get(language);
  if (!probe) {
    probe = probeOcr(language);
    probes.set(language, probe);
  }
  return probe;
}

async function probeOcr(language: string): Promise<OcrAvailability> {
  try {
    await run("pdftoppm", ["-v"], { timeout: 10_000 });
  } catch {
    return { available: false, reason: "pdftoppm (poppler-utils) är inte installerat" };
  }
  let langs: string;
  try {
    const { stdout, stderr } = await run("tesseract", ["--list-langs"], { timeout: 10_000 });
    langs = `${stdout}\n${stderr}`;
  } catch {
    return { available: false, reason: "tesseract är inte installerat" };
  }
  const installed = new Set(langs.split(/\s+/));
  const missing = language.split("+").filter((l) => !installed.has(l));
  if (missing.length > 0) return { available: false, reason: `tesseract saknar språket ${missing.join(", ")} (t.ex. paketet tesseract-ocr-swe)` };
  return { available: true };
}

/** Renders one page of a PDF to PNG and reads its text. Throws with a reason on failure. */
async function ocrPdfPage(pdfPath: string, page: number, options: OcrOptions, workDir: string): Promise<string> {
  const prefix = path.join(workDir, `sida-${page}`);
  await run("pdftoppm", ["-r", String(RENDER_DPI), "-f", String(page), "-l", String(page), "-png", "-singlefile", pdfPath, prefix], {
    timeout: STEP_TIMEOUT_MS,
  });
  const { stdout } = await run("tesseract", [`${prefix}.png`, "stdout", "-l", options.language], {
    timeout: STEP_TIMEOUT_MS,
    maxBuffer: MAX_OUTPUT_BYTES,
  });
  return stdout;
}

/** Turns OCR text of one page into blocks with the same line rules as the PDF parser. */
function ocrTextToBlocks(text: string, page: number): Block[] {
  const lines = text
    .replace(/\f/g, "\n")
    .split("\n")
    .map(toLine)
    .filter((l) => l.text.length > 0);
  if (lines.length === 0) return [];
  return finalizeBlocks(pdfLinesToBlocks([lines])).map((b) => ({ ...b, page }));
}

/** Matches the parser's warning for one page without a text layer; group 1 is the page number. */
const NO_TEXT_WARNING = /^Sida (\d+) saknar textlager/;
/** Matches the parser's summary warning when no page had a text layer. */
const NO_PAGE_HAS_TEXT = /^Ingen sida i PDF-filen har ett textlager/;

/**
 * OCRs the pages of a parsed PDF that had no text layer and merges their
 * blocks in page order. Returns `parsed` unchanged when there is nothing to
 * do; adds a warning naming the reason when OCR is unavailable or a page fails.
 */
export async function applyOcr(parsed: ParsedFile & { pagesWithoutText?: number[] }, bytes: Uint8Array, options: OcrOptions): Promise<ParsedFile> {
  const pages = parsed.pagesWithoutText ?? [];
  if (parsed.format !== "pdf" || pages.length === 0) return parsed;
  const availability = await ocrAvailability(options.language);
  if (!availability.available) {
    return { ...parsed, warnings: [...parsed.warnings, `OCR kunde inte göras: ${availability.reason}.`] };
  }
  const workDir = await mkdtemp(path.join(os.tmpdir(), "rutinsvar-ocr-"));
  try {
    const pdfPath = path.join(workDir, "dokument.pdf");
    await writeFile(pdfPath, bytes);
    const read = new Map<number, Block[]>();
    const failures: string[] = [];
    for (const page of pages) {
      try {
        const blocks = ocrTextToBlocks(await ocrPdfPage(pdfPath, page, options, workDir), page);
        if (blocks.length > 0) read.set(page, blocks);
        else failures.push(`Sida ${page}: OCR hittade ingen text.`);
      } catch (error) {
        const killed = (error as { killed?: boolean }).killed === true;
        failures.push(`Sida ${page}: OCR misslyckades (${killed ? "tidsgränsen överskreds" : (error as Error).message.split("\n")[0]}).`);
      }
    }
    if (read.size === 0) return { ...parsed, warnings: [...parsed.warnings, ...failures] };

    const blocks: Block[] = [];
    const pending = [...read.entries()].sort((a, b) => a[0] - b[0]);
    for (const block of parsed.blocks) {
      while (pending.length > 0 && block.page !== null && pending[0]![0] < block.page) blocks.push(...pending.shift()![1]);
      blocks.push(block);
    }
    for (const [, rest] of pending) blocks.push(...rest);

    const warnings = parsed.warnings.filter((w) => {
      const m = NO_TEXT_WARNING.exec(w);
      if (m) return !read.has(Number(m[1]));
      return !NO_PAGE_HAS_TEXT.test(w);
    });
    const done = [...read.keys()].sort((a, b) => a - b);
    warnings.push(`${done.length === 1 ? `Sida ${done[0]}` : `Sidorna ${done.join(", ")}`} lästes med OCR; texten kan innehålla feltolkningar.`);
    warnings.push(...failures);
    const title = parsed.title ?? blocks.find((b) => b.kind === "heading")?.text ?? null;
    return { ...parsed, title, blocks, warnings };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

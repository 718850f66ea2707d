/**
 * Plain-text parser. Real text files are messy (converted web pages and PDFs):
 * paragraphs broken by page-break blank lines, footnotes, tab tables, web
 * boilerplate. Text is kept verbatim apart from whitespace so citations match
 * what staff see in the file.
 */
import type { Block, ParsedFile } from "../../src/core/schemas.js";
import { placeOnPage, splitPages } from "./pages.js";
import { ParseError } from "./errors.js";
import {
  BULLET_RE,
  ORDERED_ITEM_RE,
  collapseWhitespace,
  endsMidSentence,
  finalizeBlocks,
  isAllCapsHeading,
  isFootnote,
  isShortHeadingCandidate,
  isTocEntry,
  joinWrapped,
  looksLikeBody,
  numberedHeadingDepth,
  startsLowerCase,
  tabCells,
  type DraftBlock,
} from "./line-rules.js";

/**
 * Windows-1252 characters for bytes 0x80–0x9F (undefined bytes stay as-is).
 * Node 20's TextDecoder("windows-1252") decodes this range as Latin-1 control
 * characters, which would lose dashes, quotes and the euro sign.
 */
const CP1252_HIGH: Record<number, string> = {
  0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰", 0x8a: "Š",
  0x8b: "‹", 0x8c: "Œ", 0x8e: "Ž", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•", 0x96: "–", 0x97: "—",
  0x98: "˜", 0x99: "™", 0x9a: "š", 0x9b: "›", 0x9c: "œ", 0x9e: "ž", 0x9f: "Ÿ",
};

/** Decodes Windows-1252 bytes; every byte maps to one character. */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += CP1252_HIGH[byte] ?? String.fromCharCode(byte);
  return out;
}

/** Result of decoding bytes: the text and which encoding was assumed. */
export interface DecodedText {
  text: string;
  encoding: "utf-8" | "windows-1252";
}

/**
 * Decodes bytes as UTF-8 (BOM stripped) when they are valid UTF-8, otherwise as
 * Windows-1252, the usual encoding of older Swedish Windows files.
 * Throws ParseError "binary-content" for bytes that are not text at all.
 */
export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  let text: string;
  let encoding: DecodedText["encoding"] = "utf-8";
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    text = decodeWindows1252(bytes);
    encoding = "windows-1252";
  }
  assertTextual(text, fileName);
  return { text, encoding };
}

/** Rejects text with NUL bytes or many control characters (a binary file named .txt). */
function assertTextual(text: string, fileName: string): void {
  if (text.includes("\u0000")) {
    throw new ParseError("binary-content", fileName, `Filen ${fileName} innehåller binära data (NUL-tecken) och är inte en textfil.`);
  }
  const sample = text.slice(0, 20_000);
  let control = 0;
  for (const ch of sample) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code < 32 && ch !== "\n" && ch !== "\r" && ch !== "\t" && ch !== "\f") || (code >= 0x7f && code < 0xa0)) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.05) {
    throw new ParseError(
      "binary-content",
      fileName,
      `Filen ${fileName} innehåller för många styrtecken (${control} av ${sample.length} tecken) och ser ut att vara binär.`,
    );
  }
}

/** Lines that are navigation or feedback widgets copied from a web page, not content. */
const BOILERPLATE_RES: RegExp[] = [
  /^hjälpte (denna|den här) (information|sida)( dig)?\??$/i,
  /^ditt svar hjälper oss att förbättra sidan\.?$/i,
  /^(publicerad|senast uppdaterad|uppdaterad):?$/i,
  /^(dela|dela sidan|skriv ut|till toppen|läs vidare|läs mer|tillbaka|kontakta oss|pressjour)$/i,
  /^kontaktformulär\b/i,
  /^verifiering \* \(obligatorisk\)$/i,
  /^vi kontrollerar att du är en människa/i,
  /^(vi använder|den här webbplatsen använder) (kakor|cookies)/i,
  /^(acceptera|godkänn) (alla )?(kakor|cookies)$/i,
  /^hoppa till (huvud)?innehåll(et)?$/i,
];

/** A line that is only a page number ("2", "1/6", "Sida 3 av 5"), left over from a converted PDF. */
export function isPageNumberLine(line: string): boolean {
  return /^(\d{1,3}(\s*\/\s*\d{1,3})?|sida \d{1,3}( av \d{1,3})?|- \d{1,3} -)$/i.test(collapseWhitespace(line));
}

function isBoilerplate(line: string): boolean {
  const trimmed = collapseWhitespace(line);
  return BOILERPLATE_RES.some((re) => re.test(trimmed));
}

/** Splits text into chunks of non-blank lines; a blank (or whitespace-only) line separates chunks. */
function toChunks(text: string): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\s+$/, "");
    if (line.trim().length === 0 || line.includes("\f")) {
      if (current.length > 0) chunks.push(current);
      current = [];
      const rest = line.replace(/\f/g, "").trim();
      if (rest.length > 0) current.push(rest);
      continue;
    }
    if (isBoilerplate(line)) continue;
    current.push(line);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

const UNDERLINE_RE = /^\s*(={3,}|-{3,})\s*$/;

function isTabRow(line: string): boolean {
  return line.trim().includes("\t") && tabCells(line).length >= 2;
}

/** The block kind a line starts, for deciding where a paragraph or list item ends. */
function startsNewBlock(line: string): boolean {
  const t = line.trim();
  return ORDERED_ITEM_RE.test(t) || BULLET_RE.test(t) || isTabRow(line) || isFootnote(t);
}

/**
 * Appends a paragraph; a paragraph that starts in lower case after one that
 * stops mid-sentence is the rest of a sentence split by a page break (often
 * with footnotes in between) and is joined back onto it.
 */
function pushParagraph(blocks: DraftBlock[], text: string): void {
  if (startsLowerCase(text)) {
    for (let i = blocks.length - 1; i >= 0; i--) {
      const candidate = blocks[i];
      if (!candidate) break;
      if (candidate.kind === "paragraph" && isFootnote(candidate.text)) continue;
      if (candidate.kind === "paragraph" && endsMidSentence(candidate.text)) {
        candidate.text = joinWrapped(candidate.text, text);
        return;
      }
      break;
    }
  }
  blocks.push({ kind: "paragraph", text, page: null });
}

/** Heading hint for a chunk that is a single line, or null when it is not a heading. */
function headingHint(line: string, following: string[][], isFirst: boolean): DraftBlock["hint"] | null {
  // Footnotes and page numbers sit between a heading and its text after a page break; look past them.
  const nextChunk = following.find((chunk) => !(chunk.length === 1 && isPageNumberLine(chunk[0] ?? "")) && !isFootnote(chunk[0] ?? ""));
  const nextFirst = nextChunk?.[0];
  const depth = numberedHeadingDepth(line);
  if (depth !== null && nextFirst !== undefined) return { kind: "numbered", depth };
  if (isAllCapsHeading(line) && nextFirst !== undefined) return { kind: "caps" };
  // A title at the top of a document may be longer than an ordinary heading.
  if (!isShortHeadingCandidate(line, isFirst ? 120 : 80) || nextFirst === undefined) return null;
  const nextIsBody = looksLikeBody(nextFirst) || isTabRow(nextFirst) || (nextChunk !== undefined && nextChunk.length > 2);
  if (nextIsBody) return { kind: "short" };
  // A document title is often followed by a subtitle; accept it only at the very top.
  return isFirst && line.trim().length >= 15 ? { kind: "short" } : null;
}

/** Turns plain text into blocks. Exported for reuse and tests. */
export function textToBlocks(text: string): DraftBlock[] {
  const chunks = toChunks(text.replace(/\r\n?/g, "\n"));
  const blocks: DraftBlock[] = [];

  chunks.forEach((chunk, chunkIndex) => {
    const onlyLine = chunk[0];
    if (chunk.length === 1 && onlyLine !== undefined && isPageNumberLine(onlyLine)) return;
    if (chunk.length === 1 && onlyLine !== undefined && !startsNewBlock(onlyLine)) {
      const hint = headingHint(onlyLine, chunks.slice(chunkIndex + 1, chunkIndex + 6), blocks.length === 0);
      if (hint) {
        blocks.push({ kind: "heading", text: collapseWhitespace(onlyLine), page: null, hint });
        return;
      }
    }

    // Runs of table-of-contents lines repeat the headings and only add noise.
    const tocLines = chunk.filter((line) => isTocEntry(line)).length;
    const lines = tocLines >= 3 && tocLines >= chunk.length / 2 ? chunk.filter((line) => !isTocEntry(line)) : chunk;

    let paragraph = "";
    let item: DraftBlock | null = null;
    const flushParagraph = (): void => {
      if (paragraph.length > 0) pushParagraph(blocks, paragraph);
      paragraph = "";
    };

    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? "";
      const trimmed = collapseWhitespace(line);
      const following = lines[i + 1];

      if (following !== undefined && UNDERLINE_RE.test(following) && trimmed.length > 0) {
        flushParagraph();
        item = null;
        const level = following.trim().startsWith("=") ? 1 : 2;
        blocks.push({ kind: "heading", text: trimmed, page: null, hint: { kind: "explicit", level } });
        i++;
        continue;
      }
      if (isTabRow(line)) {
        flushParagraph();
        item = null;
        blocks.push({ kind: "table-row", text: tabCells(line).join(" | "), page: null });
        continue;
      }
      if (ORDERED_ITEM_RE.test(trimmed)) {
        flushParagraph();
        item = { kind: "list-item", ordered: true, text: trimmed, page: null };
        blocks.push(item);
        continue;
      }
      if (BULLET_RE.test(trimmed)) {
        flushParagraph();
        item = { kind: "list-item", ordered: false, text: trimmed.replace(BULLET_RE, ""), page: null };
        blocks.push(item);
        continue;
      }
      if (isFootnote(trimmed)) {
        flushParagraph();
        item = null;
        blocks.push({ kind: "paragraph", text: trimmed, page: null });
        continue;
      }
      // First line of a multi-line chunk may still be a numbered or capitalised heading.
      if (i === 0 && lines.length > 1 && paragraph.length === 0) {
        const depth = numberedHeadingDepth(trimmed);
        if (depth !== null || isAllCapsHeading(trimmed)) {
          const hint: DraftBlock["hint"] = depth !== null ? { kind: "numbered", depth } : { kind: "caps" };
          blocks.push({ kind: "heading", text: trimmed, page: null, hint });
          continue;
        }
      }
      if (item) {
        item.text = joinWrapped(item.text, trimmed);
        continue;
      }
      paragraph = joinWrapped(paragraph, trimmed);
    }
    flushParagraph();
  });

  return blocks;
}

/** Parses a plain-text file. Empty or whitespace-only files are rejected. */
export async function parseText(bytes: Uint8Array, fileName: string): Promise<ParsedFile> {
  const { text, encoding } = decodeText(bytes, fileName);
  const clean = text.replace(/^\uFEFF/, "");
  if (clean.trim().length === 0) {
    throw new ParseError("empty-file", fileName, `Filen ${fileName} är tom (innehåller bara blanksteg).`);
  }
  const warnings: string[] = [];
  if (encoding === "windows-1252") warnings.push("Filen tolkades som Windows-1252 eftersom den inte är giltig UTF-8.");
  // "n/m" page markers of a converted PDF become page numbers (ingest/parse/pages.ts); each page is read on its own.
  const { segments, pages } = splitPages(clean.replace(/\r\n?/g, "\n"));
  const blocks: Block[] = [];
  for (const segment of segments) {
    const from = blocks.length;
    blocks.push(...finalizeBlocks(textToBlocks(segment.text)));
    if (pages !== null) placeOnPage(blocks, from, segment.page);
  }
  const firstHeading = blocks.find((b) => b.kind === "heading");
  return { title: firstHeading?.text ?? null, format: "text", pages, blocks, warnings, metadata: {} };
}

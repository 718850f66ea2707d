/**
 * DOCX parser: mammoth converts Word styles to HTML (Heading 1 → h1, numbered
 * lists → ol, tables → table), then the HTML block extractor does the rest,
 * so both formats produce the same kinds of blocks.
 */
import mammoth from "mammoth";
import type { ParsedFile } from "../../src/core/schemas.js";
import { ParseError } from "./errors.js";
import { htmlToBlocks } from "./html.js";
import { assertZipExpandsWithin, readZipEntry, ZipTooLargeError } from "./zip-entry.js";

/** A DOCX whose parts inflate past this is refused as a likely zip bomb (real routines are a few MB). */
export const MAX_DOCX_EXPANDED_BYTES = 200 * 1024 * 1024;

/** The title from the document's core properties (File → Properties in Word), if set. */
export function docxCoreTitle(buffer: Buffer): string | null {
  const xml = readZipEntry(buffer, "docProps/core.xml")?.toString("utf8");
  const match = xml ? /<dc:title>([^<]*)<\/dc:title>/.exec(xml) : null;
  const title = match?.[1]
    ?.replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
  return title ? title : null;
}

/** Parses a .docx file. Throws ParseError "corrupt" for bytes mammoth cannot read as a Word document. */
export async function parseDocx(bytes: Uint8Array, fileName: string): Promise<ParsedFile> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A DOCX is a ZIP archive; anything else (an old .doc, a renamed file) is rejected early.
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) {
    throw new ParseError("corrupt", fileName, `Filen ${fileName} är inte en giltig DOCX-fil (saknar ZIP-signatur; kanske en äldre .doc-fil?).`);
  }
  try {
    assertZipExpandsWithin(buffer, MAX_DOCX_EXPANDED_BYTES);
  } catch (error) {
    if (!(error instanceof ZipTooLargeError)) throw error;
    throw new ParseError(
      "too-large",
      fileName,
      `Filen ${fileName} packas upp till mer än ${MAX_DOCX_EXPANDED_BYTES / 1024 / 1024} MB och avvisas (misstänkt zip-bomb).`,
    );
  }
  let html: string;
  let messages: { type: string; message: string }[];
  try {
    const result = await mammoth.convertToHtml({ buffer });
    html = result.value;
    messages = result.messages;
  } catch (error) {
    throw new ParseError("corrupt", fileName, `Filen ${fileName} kunde inte läsas som DOCX: ${(error as Error).message}`, { cause: error });
  }
  const { blocks } = htmlToBlocks(`<body>${html}</body>`);
  const warnings: string[] = [];
  const unreadable = messages.filter((m) => m.type === "error").length;
  if (unreadable > 0) warnings.push(`${unreadable} delar av dokumentet kunde inte tolkas och saknas i texten.`);
  if (blocks.length === 0) warnings.push("Dokumentet innehåller ingen text.");
  const coreTitle = docxCoreTitle(buffer);
  const firstHeading = blocks.find((b) => b.kind === "heading");
  return {
    title: firstHeading?.text ?? coreTitle,
    format: "docx",
    pages: null,
    blocks,
    warnings,
    metadata: {},
  };
}

/**
 * Entry point for parsing: picks the parser by file extension. Every parser
 * returns the same ParsedFile shape, or throws a ParseError with a reason.
 */
import { extname } from "node:path";
import type { ParsedFile } from "../../src/core/schemas.js";
import { parseDocx } from "./docx.js";
import { ParseError } from "./errors.js";
import { parseHtml } from "./html.js";
import { parseMarkdown } from "./markdown.js";
import { parsePdf } from "./pdf.js";
import { parseText } from "./text.js";

type Parser = (bytes: Uint8Array, fileName: string) => Promise<ParsedFile>;

const PARSERS: Record<string, Parser> = {
  ".pdf": parsePdf,
  ".docx": parseDocx,
  ".html": parseHtml,
  ".htm": parseHtml,
  ".md": parseMarkdown,
  ".markdown": parseMarkdown,
  ".txt": parseText,
};

/** File extensions (lower case, with dot) that can be ingested. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze(Object.keys(PARSERS));

/** Largest file parsed by default (bytes); bigger files are usually scans or exports by mistake. */
const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Options for parseFile. */
export interface ParseFileOptions {
  /** Reject files larger than this many bytes with ParseError "too-large". */
  maxBytes?: number;
}

/** True when the file name has an extension a parser exists for. */
export function isSupportedFile(fileName: string): boolean {
  return extname(fileName).toLowerCase() in PARSERS;
}

/**
 * Parses one file's bytes into blocks, dispatching on the extension of
 * `fileName` (case-insensitive). Throws ParseError: "unsupported-format",
 * "empty-file", "too-large", or a parser's own reason ("corrupt", "encrypted",
 * "binary-content").
 */
export async function parseFile(bytes: Buffer | Uint8Array, fileName: string, options: ParseFileOptions = {}): Promise<ParsedFile> {
  const ext = extname(fileName).toLowerCase();
  const parser = PARSERS[ext];
  if (!parser) {
    const shown = ext.length > 0 ? `"${ext}"` : "(saknar filändelse)";
    throw new ParseError(
      "unsupported-format",
      fileName,
      `Filformatet ${shown} för ${fileName} stöds inte. Tillåtna format: ${SUPPORTED_EXTENSIONS.join(", ")}.`,
    );
  }
  if (bytes.length === 0) throw new ParseError("empty-file", fileName, `Filen ${fileName} är tom (0 byte).`);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.length > maxBytes) {
    throw new ParseError(
      "too-large",
      fileName,
      `Filen ${fileName} är för stor (${(bytes.length / 1024 / 1024).toFixed(1)} MB; högst ${(maxBytes / 1024 / 1024).toFixed(1)} MB).`,
    );
  }
  return parser(bytes, fileName);
}

export { ParseError, isParseError } from "./errors.js";

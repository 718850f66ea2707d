/**
 * Typed parse failures. The ingest job reports `code` per file and keeps going,
 * so every message names the file and the concrete reason in Swedish.
 * (Extends Error until a shared AppError exists in src/core/errors.ts.)
 */

export type ParseErrorCode =
  | "empty-file"
  | "unsupported-format"
  | "corrupt"
  | "encrypted"
  | "binary-content"
  | "too-large"
  | "invalid-metadata";

/** A file could not be turned into blocks; `code` is stable, `message` is for people. */
export class ParseError extends Error {
  readonly code: ParseErrorCode;
  /** The file name (or path) the error is about. */
  readonly fileName: string;

  constructor(code: ParseErrorCode, fileName: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ParseError";
    this.code = code;
    this.fileName = fileName;
  }
}

/** True when `error` is a ParseError, optionally with the given code. */
export function isParseError(error: unknown, code?: ParseErrorCode): error is ParseError {
  return error instanceof ParseError && (code === undefined || error.code === code);
}

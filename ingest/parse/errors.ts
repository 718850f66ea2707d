/**
 * Typed parse failures. The ingest job reports `code` per file and keeps going,
 * so every message names the file and the concrete reason in Swedish.
 * The HTTP status matters when a file is uploaded through the admin API.
 */
import { AppError } from "../../src/core/errors.js";

export type ParseErrorCode =
  | "empty-file"
  | "unsupported-format"
  | "corrupt"
  | "encrypted"
  | "binary-content"
  | "too-large"
  | "invalid-metadata";

const STATUS: Record<ParseErrorCode, number> = {
  "empty-file": 422,
  "unsupported-format": 415,
  corrupt: 422,
  encrypted: 422,
  "binary-content": 422,
  "too-large": 413,
  "invalid-metadata": 422,
};

/** A file could not be turned into blocks; `code` is stable, `message` is for people. */
export class ParseError extends AppError {
  declare readonly code: ParseErrorCode;
  /** The file name (or path) the error is about. */
  readonly fileName: string;

  constructor(code: ParseErrorCode, fileName: string, message: string, options?: { cause?: unknown }) {
    super(code, message, STATUS[code], options);
    this.fileName = fileName;
  }
}

/** True when `error` is a ParseError, optionally with the given code. */
export function isParseError(error: unknown, code?: ParseErrorCode): error is ParseError {
  return error instanceof ParseError && (code === undefined || error.code === code);
}

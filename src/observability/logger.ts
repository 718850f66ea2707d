/**
 * Structured logs: pino JSON lines on stdout. Every line written while a
 * request is handled carries its `reqId` (the same id as the `x-request-id`
 * response header and the error envelope's `requestId`), through an
 * AsyncLocalStorage that the app's first middleware fills.
 *
 * Privacy: question text is logged only at debug level, and only masked.
 * Whatever a caller passes, a personnummer or samordningsnummer never reaches
 * the log at any level: the final line is scanned and such numbers replaced
 * before it is written (src/privacy/pii.ts finds them, with the Luhn check).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { pino, type DestinationStream, type Logger } from "pino";
import type { Config } from "../config/env.js";
import { findPersonalData, MASKS } from "../privacy/pii.js";

export type { Logger };

/** The request a log line belongs to; set per request by the app (src/server/app.ts). */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** Fields that may hold what staff typed; pino replaces them wherever they appear at the top or one level down. */
const REDACTED = ["question", "*.question", "history", "*.history", "messages", "*.messages", "comment", "*.comment", "authorization", "*.authorization", "*.headers.authorization", "*.headers.cookie"];

/** Replaces personnummer and samordningsnummer in a serialized line (digits and separators only, so the JSON stays valid). */
export function maskIdNumbers(line: string): string {
  const spans = findPersonalData(line).filter((s) => s.kind === "personnummer" || s.kind === "samordningsnummer");
  if (spans.length === 0) return line;
  let out = "";
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    out += line.slice(at, s.start) + MASKS[s.kind];
    at = s.end;
  }
  return out + line.slice(at);
}

/**
 * @param level LOG_LEVEL (debug, info, warn, error, silent)
 * @param destination where lines go; stdout by default, a stream in tests
 */
export function createLogger(level: Config["logLevel"], destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: "rutinsvar" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    mixin: () => {
      const ctx = requestContext.getStore();
      return ctx ? { reqId: ctx.requestId } : {};
    },
    redact: { paths: REDACTED, censor: "[borttaget]" },
    hooks: { streamWrite: maskIdNumbers },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The `log(msg, err)` function the app and the stores take, writing errors to `logger`. */
export function errorLog(logger: Logger): (msg: string, err?: unknown) => void {
  return (msg, err) => (err === undefined || err === "" ? logger.error(msg) : logger.error({ err }, msg));
}

/**
 * One error envelope for every failure: `{error: {code, message, requestId}}`.
 * Unknown errors are logged with their stack and answered without it.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError } from "../core/errors.js";

export interface ErrorBody {
  error: { code: string; message: string; requestId: string };
}

export function errorBody(c: Context, code: string, message: string): ErrorBody {
  return { error: { code, message, requestId: (c.get("requestId") as string | undefined) ?? "" } };
}

export function onError(log: (msg: string, err: unknown) => void) {
  return (err: Error, c: Context) => {
    if (err instanceof AppError) return c.json(errorBody(c, err.code, err.message), err.status as ContentfulStatusCode);
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 413 ? "payload_too_large" : status === 401 ? "unauthorized" : "http_error";
      const message =
        status === 413 ? "Förfrågan är för stor." : status === 400 ? "Förfrågan kunde inte läsas (ogiltig JSON?)." : err.message || "Fel i förfrågan.";
      return c.json(errorBody(c, code, message), status);
    }
    log("unhandled error", err);
    return c.json(errorBody(c, "internal_error", "Ett oväntat fel inträffade. Försök igen eller kontakta förvaltningen."), 500);
  };
}

export function notFound(c: Context) {
  return c.json(errorBody(c, "not_found", `Sökvägen ${c.req.path} finns inte.`), 404);
}

/**
 * Bearer-token protection for /api/admin. Without a configured ADMIN_TOKEN the
 * admin API is off (403, saying so); a missing or wrong token gets 401.
 * Tokens are compared as sha256 digests with timingSafeEqual, so neither the
 * content nor the length of the token leaks through response times.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { errorBody } from "./on-error.js";

/** Who performed an admin action, as recorded in the audit log. */
export const ADMIN_ACTOR = "admin";

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** Constant-time comparison of a presented token with the configured one. */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The bearer token of a request, or null. */
export function bearerToken(c: Context): string | null {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/** Middleware: lets the request through only with `Authorization: Bearer <adminToken>`. */
export function requireAdmin(adminToken: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (!adminToken) {
      return c.json(
        errorBody(c, "admin_disabled", "Administrationen är avstängd: ingen ADMIN_TOKEN är konfigurerad på servern. Sätt ADMIN_TOKEN och starta om tjänsten."),
        403,
      );
    }
    const presented = bearerToken(c);
    if (presented === null || !tokenMatches(presented, adminToken)) {
      c.header("WWW-Authenticate", 'Bearer realm="rutinsvar-admin"');
      return c.json(
        errorBody(c, "unauthorized", presented === null ? "Inloggning krävs: skicka Authorization: Bearer <token>." : "Fel administratörsnyckel."),
        401,
      );
    }
    await next();
  };
}

/**
 * Staff sign-in for the chat API (AUTH_MODE). Sets `c.var.user` to
 * `{id, groups}` or answers 401 with the error envelope:
 * - none: everyone is the anonymous user without groups (only on loopback
 *   or with AUTH_ALLOW_NONE_ON_NETWORK, checked by the config);
 * - token: `Authorization: Bearer` checked against AUTH_TOKENS_FILE;
 * - proxy: user and groups from headers, believed only from AUTH_TRUSTED_PROXIES;
 * - oidc: the signed session cookie set by auth-oidc.ts.
 * The admin API has its own token (admin-auth.ts) and is not covered here.
 */
import type { Context, MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { ANONYMOUS } from "../access/access-policy.js";
import { createTokenLookup, type StaffToken } from "../access/staff-tokens.js";
import type { SecurityConfig } from "../config/security-env.js";
import { bearerToken } from "./admin-auth.js";
import { readSession } from "./auth-oidc.js";
import { errorBody } from "./on-error.js";

/** The client's address as the socket saw it; undefined when unknown (in-process tests). */
export type RemoteAddress = (c: Context) => string | undefined;

/** Reads the socket address through @hono/node-server; undefined without a socket (app.request in tests). */
export const socketAddress: RemoteAddress = (c) => {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
};

/** "::ffff:10.0.0.1" and "10.0.0.1" are the same client. */
export function normalizeAddress(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a;
}

/** Groups from a header: comma, semicolon or whitespace separated. */
function splitGroups(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[,;\s]+/)
    .map((g) => g.trim())
    .filter(Boolean);
}

export interface StaffAuthOptions {
  auth: SecurityConfig["auth"];
  /** Required for mode "token": the validated AUTH_TOKENS_FILE. */
  tokens?: readonly StaffToken[];
  remoteAddress: RemoteAddress;
}

function unauthorized(c: Context, message: string, scheme?: string): Response {
  if (scheme) c.header("WWW-Authenticate", scheme);
  c.header("Cache-Control", "no-store");
  return c.json(errorBody(c, "unauthorized", message), 401);
}

/** Middleware that identifies the member of staff or refuses the request. */
export function staffAuth(options: StaffAuthOptions): MiddlewareHandler {
  const { auth } = options;
  switch (auth.mode) {
    case "none":
      return async (c, next) => {
        c.set("user", ANONYMOUS);
        await next();
      };
    case "token": {
      if (!options.tokens || options.tokens.length === 0) throw new Error("auth: AUTH_MODE=token men inga token är inlästa (AUTH_TOKENS_FILE).");
      const lookup = createTokenLookup(options.tokens);
      return async (c, next) => {
        const presented = bearerToken(c);
        const scheme = 'Bearer realm="rutinsvar"';
        if (presented === null) return unauthorized(c, "Inloggning krävs: ange din åtkomstnyckel.", scheme);
        const user = lookup(presented);
        if (!user) return unauthorized(c, "Åtkomstnyckeln är fel eller har dragits in.", scheme);
        c.set("user", user);
        await next();
      };
    }
    case "proxy": {
      const trusted = new Set(auth.proxy.trustedProxies.map(normalizeAddress));
      return async (c, next) => {
        const address = options.remoteAddress(c);
        if (address === undefined || !trusted.has(normalizeAddress(address))) {
          return unauthorized(c, "Inloggning krävs: förfrågan kom inte via den betrodda inloggningsproxyn.");
        }
        const id = c.req.header(auth.proxy.userHeader)?.trim();
        if (!id) return unauthorized(c, "Inloggning krävs: proxyn skickade ingen användare.");
        c.set("user", { id, groups: splitGroups(c.req.header(auth.proxy.groupsHeader)) });
        await next();
      };
    }
    case "oidc": {
      const secret = auth.sessionSecret;
      if (!secret) throw new Error("auth: AUTH_MODE=oidc kräver SESSION_SECRET.");
      return async (c, next) => {
        const user = await readSession(c, secret);
        if (!user) return unauthorized(c, "Du är inte inloggad eller inloggningen har gått ut. Ladda om sidan för att logga in.");
        c.set("user", user);
        await next();
      };
    }
  }
}

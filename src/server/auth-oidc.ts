/**
 * Sign-in with the municipality's identity provider (AUTH_MODE=oidc):
 * authorization-code flow with PKCE through `openid-client`.
 *   GET /auth/login     → redirect to the provider (state, nonce, PKCE kept in a short-lived signed cookie)
 *   GET /auth/callback  → code exchange, ID token checked, session cookie set
 *   GET|POST /auth/logout → session cookie removed, provider's end-session page if it has one
 * The session is a signed (HMAC-SHA256 with SESSION_SECRET), HttpOnly,
 * SameSite=Lax cookie holding only the user id, groups and expiry.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import * as client from "openid-client";
import type { StaffUser } from "../access/access-policy.js";
import type { SecurityConfig } from "../config/security-env.js";
import { isLoopbackHost } from "../config/security-env.js";
import { errorBody } from "./on-error.js";

export const SESSION_COOKIE = "rutinsvar_session";
const LOGIN_COOKIE = "rutinsvar_login";
/** Minutes a started sign-in may take before the callback is refused. */
const LOGIN_MINUTES = 10;

interface Session {
  id: string;
  groups: string[];
  /** Expiry, ms since epoch. */
  exp: number;
}

interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

/** The signed-in user from the session cookie, or null when absent, forged or expired. */
export async function readSession(c: Context, secret: string, now = Date.now()): Promise<StaffUser | null> {
  const raw = await getSignedCookie(c, secret, SESSION_COOKIE);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.id !== "string" || !Array.isArray(s.groups) || typeof s.exp !== "number" || s.exp <= now) return null;
    return { id: s.id, groups: s.groups.filter((g): g is string => typeof g === "string") };
  } catch {
    return null;
  }
}

/** Only same-site paths are accepted as the place to return to after sign-in (no open redirect). */
function safeReturnTo(value: string | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\r\n]/.test(value)) return "/";
  return value;
}

function groupsFrom(claims: Record<string, unknown> | undefined, claim: string): string[] | undefined {
  const value = claims?.[claim];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string" && g.length > 0);
  if (typeof value === "string") return value.split(/[,\s]+/).filter(Boolean);
  return undefined;
}

function userIdFrom(claims: Record<string, unknown>): string {
  for (const key of ["preferred_username", "email", "sub"]) {
    const v = claims[key];
    if (typeof v === "string" && v.trim()) return v.trim();
  }
  return "okänd";
}

export interface OidcRoutesOptions {
  auth: SecurityConfig["auth"];
  log: (msg: string, err?: unknown) => void;
}

/** The /auth routes for AUTH_MODE=oidc. Provider metadata is discovered on first use and cached. */
export function oidcRoutes({ auth, log }: OidcRoutesOptions) {
  const oidc = auth.oidc;
  const secret = auth.sessionSecret;
  if (!oidc || !secret) throw new Error("auth: AUTH_MODE=oidc kräver OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_REDIRECT_URI och SESSION_SECRET.");
  const redirectUri = new URL(oidc.redirectUri);
  const secure = redirectUri.protocol === "https:";
  const issuer = new URL(oidc.issuer);

  let discovered: Promise<client.Configuration> | undefined;
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(
        issuer,
        oidc.clientId,
        oidc.clientSecret,
        oidc.clientSecret ? client.ClientSecretPost(oidc.clientSecret) : client.None(),
        // Plain http only for a provider on this machine (tests, development).
        issuer.protocol === "http:" && isLoopbackHost(issuer.hostname) ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        discovered = undefined; // try again on the next sign-in
        throw err;
      });
    return discovered;
  };

  const unavailable = (c: Context, err: unknown) => {
    log("oidc: identity provider unavailable", err);
    return c.json(errorBody(c, "auth_unavailable", "Inloggningstjänsten kan inte nås just nu. Försök igen om en stund."), 503);
  };

  return new Hono()
    .get("/login", async (c) => {
      let config: client.Configuration;
      try {
        config = await configuration();
      } catch (err) {
        return unavailable(c, err);
      }
      const pending: PendingLogin = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
        returnTo: safeReturnTo(c.req.query("returnTo")),
      };
      await setSignedCookie(c, LOGIN_COOKIE, JSON.stringify(pending), secret, {
        httpOnly: true,
        sameSite: "Lax",
        secure,
        path: "/",
        maxAge: LOGIN_MINUTES * 60,
      });
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri.href,
        scope: oidc.scopes,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: "S256",
      });
      c.header("Cache-Control", "no-store");
      return c.redirect(url.href, 302);
    })
    .get("/callback", async (c) => {
      c.header("Cache-Control", "no-store");
      const raw = await getSignedCookie(c, secret, LOGIN_COOKIE);
      deleteCookie(c, LOGIN_COOKIE, { path: "/", secure });
      if (!raw) return c.json(errorBody(c, "login_expired", "Inloggningen hann gå ut eller startades i en annan flik. Ladda om sidan och försök igen."), 400);
      const pending = JSON.parse(raw) as PendingLogin;
      let config: client.Configuration;
      try {
        config = await configuration();
      } catch (err) {
        return unavailable(c, err);
      }
      // The provider redirected to OIDC_REDIRECT_URI; behind a proxy the request URL may differ in scheme or host.
      const current = new URL(redirectUri.href);
      current.search = new URL(c.req.url).search;
      let user: StaffUser;
      try {
        const tokens = await client.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
        let groups = groupsFrom(claims, oidc.groupsClaim);
        let info: Record<string, unknown> = {};
        if (groups === undefined && tokens.access_token) {
          info = (await client.fetchUserInfo(config, tokens.access_token, String(claims.sub))) as Record<string, unknown>;
          groups = groupsFrom(info, oidc.groupsClaim);
        }
        user = { id: userIdFrom({ ...info, ...claims }), groups: groups ?? [] };
      } catch (err) {
        log("oidc: sign-in failed", err);
        return c.json(errorBody(c, "login_failed", "Inloggningen misslyckades. Försök igen eller kontakta IT-supporten."), 401);
      }
      const session: Session = { ...user, exp: Date.now() + auth.sessionHours * 3600_000 };
      await setSignedCookie(c, SESSION_COOKIE, JSON.stringify(session), secret, {
        httpOnly: true,
        sameSite: "Lax",
        secure,
        path: "/",
        maxAge: auth.sessionHours * 3600,
      });
      return c.redirect(pending.returnTo, 302);
    })
    .on(["GET", "POST"], "/logout", async (c) => {
      deleteCookie(c, SESSION_COOKIE, { path: "/", secure });
      c.header("Cache-Control", "no-store");
      try {
        const config = await configuration();
        if (config.serverMetadata().end_session_endpoint) {
          return c.redirect(client.buildEndSessionUrl(config, { client_id: oidc.clientId }).href, 302);
        }
      } catch (err) {
        log("oidc: end-session endpoint unavailable", err);
      }
      return c.json({ loggedOut: true });
    });
}

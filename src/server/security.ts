/**
 * Wires sign-in and rate limiting into the app, in this order:
 * per-address limit (before sign-in, so guessing tokens is slowed too) →
 * staff sign-in on the chat API → per-user limit. With AUTH_MODE=oidc it
 * also mounts /auth (login, callback, logout) and sends a visitor without a
 * session from the chat page to the sign-in. The admin API keeps its own
 * token (admin-auth.ts); /api/health, /api/ready and /api/openapi.json stay
 * open for load balancers and tooling. The OpenAI-compatible API (/v1) has
 * the same limits and sign-in as the chat API.
 */
import type { Context, Hono } from "hono";
import type { AppDeps, AppEnv } from "./types.js";
import { normalizeAddress, staffAuth, type RemoteAddress } from "./auth.js";
import { oidcRoutes, readSession } from "./auth-oidc.js";
import { createRateLimiter, rateLimit } from "./rate-limit.js";

/** Paths under /api that need no staff sign-in: probes, the API description, and the admin API (its own token). */
const OPEN = ["/api/health", "/api/ready", "/api/openapi.json", "/api/admin"];

/** Chat API paths that need a signed-in member of staff. */
function needsStaff(path: string): boolean {
  return !OPEN.some((p) => path === p || path.startsWith(`${p}/`));
}

export function securityMiddleware(app: Hono<AppEnv>, deps: Pick<AppDeps, "config" | "tokens" | "log"> & { remoteAddress: RemoteAddress }): void {
  const { auth, rateLimitPerMinute } = deps.config.security;

  if (rateLimitPerMinute > 0) {
    const byAddress = createRateLimiter(rateLimitPerMinute);
    const addressKey = (c: Context) => {
      const a = deps.remoteAddress(c);
      return a === undefined ? undefined : `addr:${normalizeAddress(a)}`;
    };
    app.use("/api/*", rateLimit(byAddress, addressKey));
    app.use("/v1/*", rateLimit(byAddress, addressKey));
    app.use("/auth/*", rateLimit(byAddress, addressKey));
  }

  const requireStaff = staffAuth({ auth, ...(deps.tokens ? { tokens: deps.tokens } : {}), remoteAddress: deps.remoteAddress });
  app.use("/api/*", (c, next) => (needsStaff(c.req.path) ? requireStaff(c, next) : next()));
  app.use("/v1/*", requireStaff);

  if (rateLimitPerMinute > 0 && auth.mode !== "none") {
    const byUser = createRateLimiter(rateLimitPerMinute);
    const userKey = (c: Context<AppEnv>) => (c.get("user") ? `user:${c.get("user").id}` : undefined);
    app.use("/api/*", rateLimit(byUser, userKey));
    app.use("/v1/*", rateLimit(byUser, userKey));
  }

  app.get("/auth/me", requireStaff, (c) => {
    c.header("Cache-Control", "no-store");
    return c.json({ mode: auth.mode, user: c.get("user") });
  });

  if (auth.mode === "oidc") {
    app.route("/auth", oidcRoutes({ auth, log: deps.log }));
    const secret = auth.sessionSecret!;
    const toLogin = async (c: Context, next: () => Promise<void>) => {
      if (await readSession(c, secret)) return next();
      // Relative, so it also works when the service is mounted under a sub-path behind a proxy.
      return c.redirect("auth/login", 302);
    };
    app.get("/", toLogin);
    app.get("/index.html", toLogin);
  }
}

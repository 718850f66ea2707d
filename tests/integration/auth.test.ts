/**
 * Staff sign-in modes none, token and proxy (oidc has its own file), and the
 * configuration rules that guard them.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authWarning } from "../../src/access/index.js";
import { createTokenLookup, loadStaffTokens, parseStaffTokens } from "../../src/access/staff-tokens.js";
import { ConfigError, loadConfig } from "../../src/config/env.js";
import { bearer, buildSecurityFixture, postJson, STAFF, type SecurityFixture } from "../helpers/security-app.js";
import { configIssues } from "../helpers/config-issues.js";

let fx: SecurityFixture;
beforeAll(async () => {
  fx = await buildSecurityFixture();
});
afterAll(async () => fx?.cleanup());

const QUESTION = { question: "Hur gör jag en orosanmälan?" };
const ADMIN_TOKEN = "admin-token-0123456789abcdef";

describe("AUTH_MODE=token", () => {
  const app = () => fx.app({ AUTH_MODE: "token", AUTH_TOKENS_FILE: "unused.json", ADMIN_TOKEN }, { tokens: Object.values(STAFF) });

  it("accepts a listed token and identifies the user and groups", async () => {
    const res = await app().request("/auth/me", { headers: bearer(STAFF.ida) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ mode: "token", user: { id: "ida", groups: ["ifo"] } });
    expect((await postJson(app(), "/api/ask", QUESTION, bearer(STAFF.erik))).status).toBe(200);
  });

  it("refuses a missing, wrong or malformed token with a Swedish 401 envelope", async () => {
    const a = app();
    for (const headers of [{} as Record<string, string>, { authorization: "Bearer fel-token-0123456789abcdef" }, { authorization: `Basic ${STAFF.ida.token}` }, { authorization: `Bearer ${STAFF.ida.token}x` }]) {
      const res = await postJson(a, "/api/ask", QUESTION, headers);
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
      expect(body.error.code).toBe("unauthorized");
      expect(body.error.message).toMatch(/^(Inloggning krävs|Åtkomstnyckeln är fel)/);
      expect(body.error.requestId).not.toBe("");
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="rutinsvar"');
    }
  });

  it("keeps staff tokens and the admin token apart", async () => {
    const a = app();
    expect((await postJson(a, "/api/ask", QUESTION, { authorization: `Bearer ${ADMIN_TOKEN}` })).status).toBe(401);
    expect((await a.request("/api/admin/audit.csv", { headers: bearer(STAFF.ida) })).status).toBe(401);
    expect((await a.request("/api/admin/audit.csv", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(503); // no database in this app
  });

  it("serves the chat page, its scripts and health without a token", async () => {
    const a = app();
    expect((await a.request("/")).status).toBe(200);
    expect((await a.request("/js/api.js")).status).toBe(200);
    expect((await a.request("/api/health")).status).toBe(200);
  });

  it("validates the tokens file at start and names the problem", async () => {
    const file = path.join(fx.dir, "tokens.yml");
    await fs.writeFile(file, `- token: ${STAFF.ida.token}\n  user: ida\n  groups: [ifo]\n`);
    expect(loadStaffTokens(file)).toEqual([{ token: STAFF.ida.token, user: "ida", groups: ["ifo"] }]);
    expect(() => parseStaffTokens(`[{"token": "kort", "user": "a"}]`, "t.json")).toThrow(/t\.json: 0\.token: token måste vara minst 16 tecken/);
    expect(() => parseStaffTokens(`[{"token": "${STAFF.ida.token}", "user": "a"}, {"token": "${STAFF.ida.token}", "user": "b"}]`, "t.json")).toThrow(/samma token/);
    expect(() => parseStaffTokens(`[]`, "t.json")).toThrow(/inga token/);
    expect(() => parseStaffTokens(`[{"token": "${STAFF.ida.token}", "user": "a", "admin": true}]`, "t.json")).toThrow(/t\.json/);
    expect(() => loadStaffTokens(path.join(fx.dir, "saknas.json"))).toThrow(/saknas\.json: kan inte läsas \(ENOENT\)/);
  });

  it("looks tokens up by full, exact match only", () => {
    const lookup = createTokenLookup(Object.values(STAFF));
    expect(lookup(STAFF.erik.token)).toEqual({ id: "erik", groups: ["ekonomi"] });
    expect(lookup(STAFF.erik.token.slice(0, -1))).toBeNull();
    expect(lookup("")).toBeNull();
  });
});

describe("AUTH_MODE=proxy", () => {
  const env = { AUTH_MODE: "proxy", AUTH_TRUSTED_PROXIES: "10.0.0.5, ::1" };
  const appFrom = (address: string | undefined) => fx.app(env, { remoteAddress: () => address });
  const headers = { "x-forwarded-user": "ida", "x-forwarded-groups": "ifo, ledning" };

  it("believes the user headers from a trusted proxy address (also IPv4-mapped IPv6)", async () => {
    for (const address of ["10.0.0.5", "::ffff:10.0.0.5", "::1"]) {
      const res = await appFrom(address).request("/auth/me", { headers });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ mode: "proxy", user: { id: "ida", groups: ["ifo", "ledning"] } });
    }
  });

  it("refuses the same headers from any other address, and a trusted proxy without a user", async () => {
    for (const address of ["10.0.0.6", "127.0.0.1", undefined]) {
      const res = await postJson(appFrom(address), "/api/ask", QUESTION, headers);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/betrodda inloggningsproxyn/);
    }
    const res = await postJson(appFrom("10.0.0.5"), "/api/ask", QUESTION, { "x-forwarded-groups": "ifo" });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/ingen användare/);
  });

  it("reads the socket address of a real connection", async () => {
    for (const [trusted, status] of [["127.0.0.1", 200], ["10.9.9.9", 401]] as const) {
      const app = fx.app({ AUTH_MODE: "proxy", AUTH_TRUSTED_PROXIES: trusted });
      const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
      await new Promise((r) => server.once("listening", r));
      const { port } = server.address() as AddressInfo;
      try {
        const res = await fetch(`http://127.0.0.1:${port}/auth/me`, { headers: { "x-forwarded-user": "proxyanvändare" } });
        expect(res.status).toBe(status);
      } finally {
        await new Promise((r) => server.close(r));
      }
    }
  });

  it("honours custom header names", async () => {
    const app = fx.app({ ...env, AUTH_PROXY_USER_HEADER: "Remote-User", AUTH_PROXY_GROUPS_HEADER: "Remote-Groups" }, { remoteAddress: () => "10.0.0.5" });
    const res = await app.request("/auth/me", { headers: { "remote-user": "erik", "remote-groups": "ekonomi" } });
    expect(await res.json()).toEqual({ mode: "proxy", user: { id: "erik", groups: ["ekonomi"] } });
  });
});

describe("AUTH_MODE=none", () => {
  it("lets everyone in as the anonymous user on localhost", async () => {
    const res = await fx.app().request("/auth/me");
    expect(await res.json()).toEqual({ mode: "none", user: { id: "anonym", groups: [] } });
  });

  it("refuses to start on a network address unless explicitly accepted, with a clear message", () => {
    for (const HOST of ["0.0.0.0", "192.168.1.10", "::"]) {
      let error: unknown;
      try {
        loadConfig({ HOST });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain(`AUTH_MODE: "none" (ingen inloggning) är bara tillåtet när HOST är 127.0.0.1, localhost eller ::1, men HOST=${HOST}`);
      expect((error as ConfigError).message).toContain("AUTH_ALLOW_NONE_ON_NETWORK=true");
    }
    for (const HOST of ["127.0.0.1", "localhost", "::1", "127.0.0.2"]) expect(loadConfig({ HOST }).security.auth.mode).toBe("none");
    const accepted = loadConfig({ HOST: "0.0.0.0", AUTH_ALLOW_NONE_ON_NETWORK: "true" });
    expect(authWarning(accepted.security, accepted.host)).toMatch(/^VARNING: AUTH_MODE=none på 0\.0\.0\.0/);
    expect(authWarning(loadConfig({}).security, "127.0.0.1")).toMatch(/^VARNING: AUTH_MODE=none: ingen inloggning/);
    expect(authWarning(loadConfig({ AUTH_MODE: "token", AUTH_TOKENS_FILE: "t.json" }).security, "127.0.0.1")).toBeNull();
  });

  it("requires the settings each mode needs", () => {
    const issues = configIssues;
    expect(issues({ AUTH_MODE: "token" })).toEqual(["AUTH_TOKENS_FILE: krävs när AUTH_MODE=token"]);
    expect(issues({ AUTH_MODE: "proxy" })[0]).toMatch(/^AUTH_TRUSTED_PROXIES: krävs/);
    expect(issues({ AUTH_MODE: "oidc" })).toEqual(["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_REDIRECT_URI", "SESSION_SECRET"].map((k) => `${k}: krävs när AUTH_MODE=oidc`));
    expect(issues({ AUTH_MODE: "oidc", SESSION_SECRET: "kort" }).join()).toMatch(/SESSION_SECRET: måste vara minst 32 tecken/);
    expect(issues({ AUTH_MODE: "ldap" })[0]).toMatch(/^AUTH_MODE:/);
    expect(issues({ RATE_LIMIT_PER_MINUTE: "-1" })[0]).toMatch(/^RATE_LIMIT_PER_MINUTE:/);
    expect(loadConfig({}).security.retentionDays).toBe(30);
    expect(loadConfig({}).security.rateLimitPerMinute).toBe(1200);
  });
});

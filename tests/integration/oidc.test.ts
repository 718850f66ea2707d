/**
 * AUTH_MODE=oidc against a real identity provider (oidc-provider) on
 * 127.0.0.1: the whole authorization-code flow with PKCE, driven with fetch
 * through the provider's login and consent forms, cookies carried by hand.
 */
import net, { type AddressInfo } from "node:net";
import type { Server } from "node:http";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAccessPolicy } from "../../src/access/access-policy.js";
import { SESSION_COOKIE } from "../../src/server/auth-oidc.js";
import { ACCESS_YAML, buildSecurityFixture, postJson, type SecurityFixture } from "../helpers/security-app.js";

const ACCOUNTS: Record<string, { name: string; groups: string[] }> = {
  ida: { name: "Ida Handläggare", groups: ["ifo"] },
  erik: { name: "Erik Ekonom", groups: ["ekonomi"] },
};
const CLIENT_ID = "rutinsvar";
const CLIENT_SECRET = "klienthemlighet-0123456789abcdef";
const REDIRECT_URI = "http://127.0.0.1:39999/auth/callback";
const SESSION_SECRET = "sessionshemlighet-0123456789abcdefghij";

let fx: SecurityFixture;
let idp: Server;
let issuer: string;
let app: ReturnType<SecurityFixture["app"]>;

/** A port that is free right now (the provider's issuer URL must name the port it listens on). */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

beforeAll(async () => {
  fx = await buildSecurityFixture();
  const port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: "client_secret_post" }],
    pkce: { required: () => true },
    // Groups are released with the openid scope; in the code flow they arrive through userinfo, not the ID token.
    claims: { openid: ["sub", "groups"], profile: ["preferred_username", "name"] },
    findAccount: (_ctx, sub) =>
      ACCOUNTS[sub] ? { accountId: sub, claims: () => ({ sub, preferred_username: sub, name: ACCOUNTS[sub]!.name, groups: ACCOUNTS[sub]!.groups }) } : undefined,
    cookies: { keys: ["testnyckel-for-idp-cookies-0123456789"] },
  });
  idp = await new Promise<Server>((resolve) => {
    const s = provider.listen(port, "127.0.0.1", () => resolve(s));
  });
  app = fx.app(
    { AUTH_MODE: "oidc", OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, OIDC_REDIRECT_URI: REDIRECT_URI, SESSION_SECRET },
    { access: parseAccessPolicy(ACCESS_YAML) },
  );
});
afterAll(async () => {
  await new Promise((r) => idp?.close(r));
  await fx?.cleanup();
});

/** A minimal cookie jar: name → value, from Set-Cookie headers. */
class Jar {
  readonly cookies = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      if (value === "" || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)![1]!;
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  return { action, fields };
}

/** Follows the provider's redirects and forms as a browser would, signing in as `account`; returns the callback URL. */
async function signInAtProvider(start: string, account: string): Promise<URL> {
  const jar = new Jar();
  let url = new URL(start);
  let init: RequestInit = {};
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } });
    jar.take(res);
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get("location")!, url);
      if (next.href.startsWith(REDIRECT_URI)) return next;
      url = next;
      init = {};
      continue;
    }
    const html = await res.text();
    expect(res.status, html.slice(0, 500)).toBe(200);
    const form = formOf(html);
    const fields = form.fields.prompt === "login" ? { ...form.fields, login: account, password: "valfritt" } : form.fields;
    url = new URL(form.action, url);
    init = { method: "POST", body: new URLSearchParams(fields).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } };
  }
  throw new Error("sign-in did not finish");
}

/** Full sign-in through the app; returns the app's cookie jar with the session. */
async function signIn(account: string, returnTo = "/"): Promise<{ jar: Jar; landing: string }> {
  const jar = new Jar();
  const login = await app.request(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  expect(login.status).toBe(302);
  jar.take(login);
  const callback = await signInAtProvider(login.headers.get("location")!, account);
  const done = await app.request(`/auth/callback${callback.search}`, { headers: { cookie: jar.header() } });
  expect(done.status, await done.clone().text()).toBe(302);
  jar.take(done);
  return { jar, landing: done.headers.get("location")! };
}

describe("AUTH_MODE=oidc", () => {
  it("sends the provider an authorization-code request with PKCE (S256), state and nonce", async () => {
    const res = await app.request("/auth/login");
    const url = new URL(res.headers.get("location")!);
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(url.searchParams.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
    const cookie = res.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/rutinsvar_login=.*HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it("signs in through the provider and sets a signed, HttpOnly, SameSite=Lax session cookie", async () => {
    const login = await app.request("/auth/login");
    const jar = new Jar();
    jar.take(login);
    const callback = await signInAtProvider(login.headers.get("location")!, "ida");
    const done = await app.request(`/auth/callback${callback.search}`, { headers: { cookie: jar.header() } });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/");
    const setCookie = done.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    jar.take(done);
    const me = await app.request("/auth/me", { headers: { cookie: jar.header() } });
    expect(await me.json()).toEqual({ mode: "oidc", user: { id: "ida", groups: ["ifo"] } });
  });

  it("applies the groups from the provider to access", async () => {
    const { jar: ida } = await signIn("ida");
    const { jar: erik } = await signIn("erik");
    const pdf = fx.service.index.manifest.documents.find((d) => d.source === "ekonomiskt-bistand.pdf")!;
    expect((await app.request(`/api/documents/${pdf.id}/file`, { headers: { cookie: ida.header() } })).status).toBe(404);
    expect((await app.request(`/api/documents/${pdf.id}/file`, { headers: { cookie: erik.header() } })).status).toBe(200);
    const res = await postJson(app, "/api/ask", { question: "Vad gäller för ekonomiskt bistånd?" }, { cookie: erik.header() });
    expect(((await res.json()) as { citations: { source: string }[] }).citations.some((c) => c.source === "ekonomiskt-bistand.pdf")).toBe(true);
  });

  it("returns to a same-site path only (no open redirect)", async () => {
    expect((await signIn("ida", "/?fraga=1")).landing).toBe("/?fraga=1");
    expect((await signIn("ida", "//evil.example/x")).landing).toBe("/");
    expect((await signIn("ida", "https://evil.example/")).landing).toBe("/");
  });

  it("redirects the chat page to sign-in without a session and serves it with one", async () => {
    const anon = await app.request("/");
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toBe("auth/login");
    const { jar } = await signIn("ida");
    const page = await app.request("/", { headers: { cookie: jar.header() } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html[^>]*lang="sv"/);
  });

  it("refuses the API without a session, with a forged or tampered cookie", async () => {
    const { jar } = await signIn("ida");
    const real = jar.cookies.get(SESSION_COOKIE)!;
    const decoded = decodeURIComponent(real);
    const [payload, signature] = [decoded.slice(0, decoded.lastIndexOf(".")), decoded.slice(decoded.lastIndexOf(".") + 1)];
    const forged = encodeURIComponent(`${payload.replace('"ifo"', '"ekonomi"')}.${signature}`);
    for (const cookie of ["", `${SESSION_COOKIE}=${forged}`, `${SESSION_COOKIE}=${encodeURIComponent(JSON.stringify({ id: "x", groups: ["ekonomi"], exp: 9e15 }))}`]) {
      const res = await postJson(app, "/api/ask", { question: "Hur gör jag en orosanmälan?" }, cookie ? { cookie } : {});
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string; message: string } }).error.message).toMatch(/inte inloggad/);
    }
  });

  it("refuses a callback with a wrong state or without the sign-in cookie", async () => {
    const login = await app.request("/auth/login");
    const jar = new Jar();
    jar.take(login);
    const callback = await signInAtProvider(login.headers.get("location")!, "ida");
    callback.searchParams.set("state", "fel-state");
    const wrong = await app.request(`/auth/callback${callback.search}`, { headers: { cookie: jar.header() } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("login_failed");
    expect(wrong.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`) && !/Max-Age=0/i.test(c))).toBe(false);
    const noCookie = await app.request(`/auth/callback${callback.search}`);
    expect(noCookie.status).toBe(400);
    expect(((await noCookie.json()) as { error: { code: string } }).error.code).toBe("login_expired");
  });

  it("signs out: the session cookie is cleared and the provider's end-session page follows", async () => {
    const { jar } = await signIn("ida");
    const out = await app.request("/auth/logout", { method: "POST", headers: { cookie: jar.header() } });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")!.startsWith(issuer)).toBe(true);
    jar.take(out);
    expect(jar.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await app.request("/auth/me", { headers: { cookie: jar.header() } })).status).toBe(401);
  });

  it("answers 503 with the envelope when the provider cannot be reached", async () => {
    const down = fx.app({ AUTH_MODE: "oidc", OIDC_ISSUER: "http://127.0.0.1:9", OIDC_CLIENT_ID: CLIENT_ID, OIDC_REDIRECT_URI: REDIRECT_URI, SESSION_SECRET });
    const res = await down.request("/auth/login");
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("auth_unavailable");
  });
});

/**
 * Hardening: security headers, CORS off, body limit, rate limits, no stack
 * traces, and a hostile document that must stay inert text.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/schemas.js";
import type { AnswerService } from "../../src/query/answer.js";
import { bearer, buildSecurityFixture, postJson, STAFF, type SecurityFixture } from "../helpers/security-app.js";

let fx: SecurityFixture;
let hostile: SecurityFixture;
beforeAll(async () => {
  [fx, hostile] = await Promise.all([buildSecurityFixture(), buildSecurityFixture(path.resolve("tests/fixtures/hostile"))]);
});
afterAll(async () => {
  await fx?.cleanup();
  await hostile?.cleanup();
});

const QUESTION = { question: "Hur gör jag en orosanmälan?" };

describe("security headers", () => {
  it.each([
    ["GET", "/"],
    ["GET", "/js/api.js"],
    ["GET", "/api/health"],
    ["POST", "/api/ask"],
    ["GET", "/api/finns-inte"],
    ["GET", "/api/sources/finns-inte"],
  ])("%s %s has a strict CSP, nosniff and no framing", async (method, url) => {
    const res = method === "POST" ? await postJson(fx.app(), url, QUESTION) : await fx.app().request(url);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });
});

describe("CORS is off", () => {
  it("sends no Access-Control-Allow-* headers to another origin, also on preflight", async () => {
    const app = fx.app();
    const simple = await postJson(app, "/api/ask", QUESTION, { origin: "https://evil.example" });
    const preflight = await app.request("/api/ask", { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" } });
    for (const res of [simple, preflight]) {
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(res.headers.get("access-control-allow-credentials")).toBeNull();
      expect(res.headers.get("access-control-allow-headers")).toBeNull();
    }
    expect(preflight.status).toBeGreaterThanOrEqual(400);
  });
});

describe("request size", () => {
  it("refuses a body over MAX_BODY_BYTES with 413 and the envelope", async () => {
    const app = fx.app({ MAX_BODY_BYTES: "2048" });
    const res = await postJson(app, "/api/ask", { question: "x".repeat(1000), history: [{ role: "user", content: "y".repeat(4000) }] });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });
});

describe("rate limiting", () => {
  it("limits per address: 429 with Retry-After and the envelope, other addresses unaffected", async () => {
    const app = fx.app({ RATE_LIMIT_PER_MINUTE: "3" }, { remoteAddress: (c) => c.req.header("x-test-address") });
    for (let i = 0; i < 3; i++) expect((await postJson(app, "/api/ask", QUESTION, { "x-test-address": "10.1.1.1" })).status).toBe(200);
    const limited = await postJson(app, "/api/ask", QUESTION, { "x-test-address": "10.1.1.1" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const body = (await limited.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toMatch(/^För många förfrågningar\. Vänta \d+ sekunder/);
    expect((await app.request("/api/health", { headers: { "x-test-address": "10.1.1.1" } })).status).toBe(429);
    expect((await postJson(app, "/api/ask", QUESTION, { "x-test-address": "10.1.1.2" })).status).toBe(200);
  });

  it("limits per user across addresses, and failed sign-ins per address", async () => {
    let n = 0;
    const app = fx.app({ RATE_LIMIT_PER_MINUTE: "3", AUTH_MODE: "token", AUTH_TOKENS_FILE: "unused.json" }, { tokens: Object.values(STAFF), remoteAddress: () => `10.2.0.${n++}` });
    for (let i = 0; i < 3; i++) expect((await postJson(app, "/api/ask", QUESTION, bearer(STAFF.ida))).status).toBe(200);
    const limited = await postJson(app, "/api/ask", QUESTION, bearer(STAFF.ida));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).not.toBeNull();
    expect((await postJson(app, "/api/ask", QUESTION, bearer(STAFF.erik))).status).toBe(200);

    const guesser = fx.app({ RATE_LIMIT_PER_MINUTE: "3", AUTH_MODE: "token", AUTH_TOKENS_FILE: "unused.json" }, { tokens: Object.values(STAFF), remoteAddress: () => "10.3.0.1" });
    for (let i = 0; i < 3; i++) expect((await postJson(guesser, "/api/ask", QUESTION, { authorization: `Bearer gissning-${i}-0123456789abcdef` })).status).toBe(401);
    expect((await postJson(guesser, "/api/ask", QUESTION, bearer(STAFF.ida))).status).toBe(429);
  });

  it("can be switched off with RATE_LIMIT_PER_MINUTE=0", async () => {
    const app = fx.app({ RATE_LIMIT_PER_MINUTE: "0" }, { remoteAddress: () => "10.4.0.1" });
    for (let i = 0; i < 5; i++) expect((await app.request("/api/health")).status).toBe(200);
  });
});

describe("no stack traces in responses", () => {
  it("answers an internal error with the generic envelope and logs the details", async () => {
    const secret = "hemlig intern detalj i /srv/rutinsvar/src/query/answer.ts:42";
    const broken = (): AnswerService => {
      throw new TypeError(secret);
    };
    const before = fx.logged.length;
    const app = fx.app({}, { answers: broken });
    for (const res of [await postJson(app, "/api/ask", QUESTION), await app.request("/api/health"), await app.request("/api/sources/x")]) {
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: "internal_error", message: "Ett oväntat fel inträffade. Försök igen eller kontakta förvaltningen.", requestId: expect.any(String) } });
      expect(text).not.toMatch(/hemlig|\.ts\b|\n\s*at |\bat \S+ \(|TypeError|stack/);
    }
    expect(fx.logged.length).toBe(before + 3);
    expect((fx.logged.at(-1)!.err as Error).message).toBe(secret);
  });
});

describe("a hostile document", () => {
  it("is ingested as inert text: no markup reaches answers, passages or the source view", async () => {
    const app = hostile.app();
    for (const question of ["Hur bokas besök?", "Var kvitteras nycklar till arkivet?"]) {
      const res = await postJson(app, "/api/ask", { question, options: { includeRetrieved: true } });
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const a = (await res.json()) as Answer;
      expect(a.abstained).toBe(false);
      const texts = [a.answer, ...a.citations.map((c) => c.quote), ...(a.retrieved ?? []).map((r) => r.text)];
      for (const c of a.citations) {
        const src = await app.request(`/api/sources/${encodeURIComponent(c.chunkId)}`);
        expect(src.headers.get("content-type")).toMatch(/^application\/json/);
        const s = (await src.json()) as { text: string; before: string; after: string; title: string };
        texts.push(s.text, s.before, s.after, s.title);
      }
      for (const t of texts) {
        expect(t).not.toMatch(/<\s*(script|img|iframe|style)|onerror|onload|javascript:/i);
      }
    }
  });

  it("is served as a download that the browser will not render or sniff", async () => {
    const app = hostile.app();
    const docs = hostile.service.index.manifest.documents;
    const html = docs.find((d) => d.source === "fientlig.html")!;
    const md = docs.find((d) => d.source === "fientlig.md")!;
    const h = await app.request(`/api/documents/${html.id}/file`);
    expect(h.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(h.headers.get("x-content-type-options")).toBe("nosniff");
    expect(h.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(h.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await h.text()).toContain("<script>"); // the original bytes, but as text
    const m = await app.request(`/api/documents/${md.id}/file`);
    expect(m.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(m.headers.get("x-content-type-options")).toBe("nosniff");
    expect(m.headers.get("content-disposition")).toMatch(/^attachment;/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.js";
import { ADMIN_TOKEN, buildAdminApp, type AdminApp } from "../helpers/admin-app.js";
import { buildFixtureApp, testConfig, type FixtureApp } from "../helpers/fixture-index.js";

let fx: AdminApp;
let plain: FixtureApp;
beforeAll(async () => {
  [fx, plain] = await Promise.all([buildAdminApp(), buildFixtureApp()]);
});
afterAll(async () => {
  await fx?.cleanup();
  await plain?.cleanup();
});

type ErrorBody = { error: { code: string; message: string; requestId: string } };

describe("admin authentication", () => {
  it("is off with a clear 403 when no ADMIN_TOKEN is configured", async () => {
    const app = createApp({ config: testConfig({ INDEX_DIR: plain.indexDir }), answers: () => plain.service, log: () => {} });
    for (const [method, url] of [["GET", "/api/admin/documents"], ["POST", "/api/admin/reindex"], ["DELETE", "/api/admin/documents/x"]] as const) {
      const res = await app.request(url, { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(res.status).toBe(403);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe("admin_disabled");
      expect(body.error.message).toMatch(/ADMIN_TOKEN/);
    }
  });

  it("answers 401 for a missing, malformed or wrong token, and 200 for the right one", async () => {
    for (const authorization of [undefined, "Basic YWRtaW46eA==", "Bearer fel-token", `Bearer ${ADMIN_TOKEN}x`, `Bearer ${ADMIN_TOKEN.slice(0, -1)}`]) {
      const res = await fx.app.request("/api/admin/documents", { headers: authorization ? { authorization } : {} });
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(((await res.json()) as ErrorBody).error.code).toBe("unauthorized");
    }
    const ok = await fx.admin("/api/admin/documents");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a token shorter than 16 characters at start-up", () => {
    expect(() => testConfig({ ADMIN_TOKEN: "kort" })).toThrow(/ADMIN_TOKEN/);
  });

  it("records refused and accepted changes in the audit log", async () => {
    await fx.app.request("/api/admin/reindex", { method: "POST", headers: { authorization: "Bearer fel-token" } });
    const res = await fx.admin("/api/admin/audit");
    const { entries } = (await res.json()) as { entries: { actor: string; action: string; result: string; at: string }[] };
    const refused = entries.find((e) => e.action === "indexera om");
    expect(refused).toMatchObject({ actor: "okänd" });
    expect(refused!.result).toMatch(/^nekad \(401 unauthorized\)/);
    expect(Date.parse(refused!.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("serves the admin page with a strict CSP and no inline code", async () => {
    const res = await fx.app.request("/admin");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<html[^>]*lang="sv"/);
    expect(html).toContain('src="admin.js"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=|<style/);
    expect(res.headers.get("content-security-policy")).not.toContain("unsafe-inline");
    for (const asset of ["/admin.js", "/admin.css"]) expect((await fx.app.request(asset)).status).toBe(200);
  });
});

/**
 * Operating the service: structured logs with request ids and LOG_LEVEL,
 * nothing typed by staff above debug (and never a personnummer), /metrics,
 * /api/ready, /api/health without configuration for anonymous callers, and
 * the OpenAPI description covering every route.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/schemas.js";
import { createLogger, errorLog, maskIdNumbers } from "../../src/observability/logger.js";
import { answerSchema, OPERATIONS } from "../../src/server/openapi.js";
import { openSqliteStores } from "../../src/store/index.js";
import { buildAdminApp } from "../helpers/admin-app.js";
import { buildSecurityFixture, postJson, type SecurityFixture } from "../helpers/security-app.js";

let fx: SecurityFixture;
beforeAll(async () => {
  fx = await buildSecurityFixture();
});
afterAll(async () => fx?.cleanup());

const PNR = "811218-9876";
const QUESTION = `Hur gör jag en orosanmälan för barnet ${PNR} i familjen Lindqvist?`;
const ADMIN_TOKEN = "admin-token-0123456789";

/** An app whose log lines are collected, parsed. */
function loggedApp(level: "debug" | "info" | "warn", env: Record<string, string> = {}) {
  const raw: string[] = [];
  const logger = createLogger(level, { write: (s: string) => void raw.push(s) });
  const app = fx.app(env, { logger });
  return { app, raw, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("structured logs", () => {
  it("writes a JSON line per request with the request id that the x-request-id header and error envelope carry", async () => {
    const { app, lines } = loggedApp("info");
    const res = await app.request("/api/finns-inte");
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[\w-]{8,}$/);
    expect(((await res.json()) as { error: { requestId: string } }).error.requestId).toBe(id);
    const line = lines().find((l) => l.msg === "request")!;
    expect(line).toMatchObject({ level: "info", service: "rutinsvar", reqId: id, method: "GET", path: "/api/finns-inte", route: "unmatched", status: 404 });
    expect(typeof line.time).toBe("string");
  });

  it("keeps a well-formed request id from the proxy and puts it on every line of the request, also the app's own error log", async () => {
    const raw: string[] = [];
    const logger = createLogger("info", { write: (s: string) => void raw.push(s) });
    const broken = { ...fx.service, index: fx.service.index, ask: () => Promise.reject(new Error("pipeline broke")) };
    const app = fx.app({}, { logger, log: errorLog(logger), answers: () => broken });
    const res = await postJson(app, "/api/ask", { question: "Hur gör jag en orosanmälan?" }, { "x-request-id": "proxy-abc-123" });
    expect(res.status).toBe(500);
    expect(res.headers.get("x-request-id")).toBe("proxy-abc-123");
    const lines = raw.map((l) => JSON.parse(l) as Record<string, unknown>);
    const error = lines.find((l) => l.level === "error")!;
    expect(error).toMatchObject({ reqId: "proxy-abc-123", msg: "unhandled error", err: { message: "pipeline broke" } });
    expect(lines.find((l) => l.msg === "request")).toMatchObject({ reqId: "proxy-abc-123", status: 500, route: "/api/ask" });
    expect(lines.every((l) => l.reqId === "proxy-abc-123")).toBe(true);
  });

  it("honours LOG_LEVEL: nothing at info when the level is warn", async () => {
    const { app, raw } = loggedApp("warn");
    await app.request("/api/health");
    expect(raw).toEqual([]);
  });

  it("never logs the question or a personnummer at info, through /api/ask or /v1/chat/completions, streamed or not", async () => {
    const { app, raw } = loggedApp("info");
    expect((await postJson(app, "/api/ask", { question: QUESTION })).status).toBe(200);
    await (await postJson(app, "/api/ask", { question: QUESTION }, { accept: "text/event-stream" })).text();
    expect((await postJson(app, "/v1/chat/completions", { model: "rutinsvar", messages: [{ role: "user", content: QUESTION }] })).status).toBe(200);
    await (await postJson(app, "/v1/chat/completions", { model: "rutinsvar", stream: true, messages: [{ role: "user", content: QUESTION }] })).text();
    await postJson(app, "/api/ask", { question: `${QUESTION}${"x".repeat(2100)}` });
    const all = raw.join("");
    expect(raw.length).toBeGreaterThanOrEqual(5);
    expect(all).not.toContain(PNR);
    expect(all).not.toContain("8112189876");
    expect(all).not.toMatch(/Lindqvist|orosanmälan/i);
  });

  it("at debug logs the question masked, never the personnummer", async () => {
    const { app, raw, lines } = loggedApp("debug");
    await postJson(app, "/v1/chat/completions", { model: "rutinsvar", messages: [{ role: "user", content: QUESTION }] });
    expect(raw.join("")).not.toContain(PNR);
    const debug = lines().find((l) => l.level === "debug" && typeof l.maskedQuestion === "string")!;
    expect(debug.maskedQuestion).toContain("[personnummer]");
    expect(typeof debug.reqId).toBe("string");
  });

  it("masks a personnummer whatever a caller passes to the logger, at every level, and redacts question fields", () => {
    const raw: string[] = [];
    const logger = createLogger("debug", { write: (s: string) => void raw.push(s) });
    logger.error({ err: new Error(`model failed for ${PNR}`), question: "Hemlig fråga" }, `bad ${PNR.replace("-", "")}`);
    logger.info({ nested: { question: "Hemlig fråga 2", history: ["x"] } }, "x");
    const all = raw.join("");
    expect(all).not.toContain(PNR);
    expect(all).not.toContain("8112189876");
    expect(all).not.toContain("Hemlig fråga");
    expect(all).toContain("[personnummer]");
    for (const l of raw) JSON.parse(l);
    expect(maskIdNumbers('{"a":"2025-01-15 12 500 kr"}')).toBe('{"a":"2025-01-15 12 500 kr"}');
  });
});

describe("GET /metrics", () => {
  it("counts requests per route pattern, answers and abstentions, and shows the index version and size", async () => {
    const app = fx.app();
    const a = (await (await postJson(app, "/api/ask", { question: "Hur gör jag en orosanmälan?" })).json()) as Answer;
    const b = (await (await postJson(app, "/api/ask", { question: "Vilka regler gäller för parkering av tjänstebilar vid rådhuset på helgerna?" })).json()) as Answer;
    expect([a.abstained, b.abstained]).toEqual([false, true]);
    await app.request("/api/sources/finns-inte");
    const res = await app.request("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^rutinsvar_http_requests_total\{method="POST",route="\/api\/ask",status="200"\} 2$/m);
    expect(text).toMatch(/^rutinsvar_http_requests_total\{method="GET",route="\/api\/sources\/:chunkId",status="404"\} 1$/m);
    expect(text).not.toContain("finns-inte");
    expect(text).toMatch(/^rutinsvar_http_request_duration_seconds_count\{method="POST",route="\/api\/ask"\} 2$/m);
    expect(text).toMatch(/^rutinsvar_answers_total\{outcome="abstained"\} 1$/m);
    const answered = Number(/^rutinsvar_answers_total\{outcome="answered"\} (\d+)$/m.exec(text)![1]) + Number(/^rutinsvar_answers_total\{outcome="uncertain"\} (\d+)$/m.exec(text)![1]);
    expect(answered).toBe(1);
    const m = fx.service.index.manifest;
    expect(text).toContain(`rutinsvar_index_info{version="${m.version}"} 1`);
    expect(text).toMatch(new RegExp(`^rutinsvar_index_documents ${m.counts.documents}$`, "m"));
    expect(text).toMatch(new RegExp(`^rutinsvar_index_chunks ${m.counts.chunks}$`, "m"));
    expect(text).toContain("# TYPE rutinsvar_ingest_jobs_total counter");
    expect(text).toContain("rutinsvar_process_cpu_seconds_total");
  });

  it("counts ingest jobs by kind and outcome", async () => {
    const adm = await buildAdminApp();
    try {
      const res = await adm.admin("/api/admin/reindex", { method: "POST" });
      expect(res.status).toBe(202);
      const { jobId } = (await res.json()) as { jobId: string };
      expect((await adm.waitForJob(jobId)).status).toBe("succeeded");
      // The job's promise settles just after its final status is stored; look until the counter shows it.
      let text = "";
      for (let i = 0; i < 200 && !/ingest_jobs_total\{kind="reindex"/.test(text); i++) {
        await new Promise((r) => setTimeout(r, 10));
        text = await (await adm.app.request("/metrics")).text();
      }
      expect(text).toMatch(/^rutinsvar_ingest_jobs_total\{kind="reindex",status="succeeded"\} 1$/m);
    } finally {
      await adm.cleanup();
    }
  });

  it("needs METRICS_TOKEN when one is set", async () => {
    const app = fx.app({ METRICS_TOKEN: "metrics-token-0123456789" });
    expect((await app.request("/metrics")).status).toBe(401);
    expect((await app.request("/metrics", { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
    expect((await app.request("/metrics", { headers: { authorization: "Bearer metrics-token-0123456789" } })).status).toBe(200);
  });

  it("is not behind the staff sign-in (a scraper has no staff token) and reveals no configuration", async () => {
    const app = fx.app({ AUTH_MODE: "proxy", AUTH_TRUSTED_PROXIES: "10.0.0.5", ADMIN_TOKEN }, { remoteAddress: () => "10.9.9.9" });
    const res = await app.request("/metrics");
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const secret of [ADMIN_TOKEN, fx.dir, "hashing"]) expect(text).not.toContain(secret);
    await postJson(app, "/api/ask", { question: "Hur gör jag en orosanmälan?" });
    await app.request("/js/api.js");
    const after = await (await app.request("/metrics")).text();
    expect(after).toMatch(/^rutinsvar_http_requests_total\{method="POST",route="\/api\/ask",status="401"\} 1$/m);
    expect(after).toMatch(/^rutinsvar_http_requests_total\{method="GET",route="static",status="200"\} 1$/m);
  });
});

describe("GET /api/ready and /api/health", () => {
  it("is ready with an index and a database that answers, 503 with the reason when the database does not", async () => {
    const stores = openSqliteStores(":memory:");
    const app = fx.app({}, { stores });
    const ok = await app.request("/api/ready");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ready", checks: [{ name: "index", ok: true }, { name: "database", ok: true }] });
    await stores.close();
    const down = await app.request("/api/ready");
    expect(down.status).toBe(503);
    const body = (await down.json()) as { status: string; reason: string };
    expect(body.status).toBe("not_ready");
    expect(body.reason).toBe("SQLite-databasen svarar inte.");
  });

  it("is 503 when no index can be served", async () => {
    const app = fx.app({}, {
      answers: () => {
        throw new Error("index gone");
      },
    });
    const res = await app.request("/api/ready");
    expect(res.status).toBe(503);
    expect(((await res.json()) as { reason: string }).reason).toBe("Inget index är inläst.");
  });

  it("answers probes without sign-in, also when staff must sign in", async () => {
    const app = fx.app({ AUTH_MODE: "proxy", AUTH_TRUSTED_PROXIES: "10.0.0.5" }, { remoteAddress: () => "10.9.9.9" });
    expect((await app.request("/api/ready")).status).toBe(200);
    expect((await app.request("/api/health")).status).toBe(200);
    expect((await app.request("/api/openapi.json")).status).toBe(200);
    expect((await postJson(app, "/api/ask", { question: "Hur gör jag en orosanmälan?" })).status).toBe(401);
  });

  it("health gives anonymous callers status and counts only; the index's build details need the admin token", async () => {
    const app = fx.app({ ADMIN_TOKEN });
    const anon = (await (await app.request("/api/health")).json()) as Record<string, unknown>;
    expect(Object.keys(anon).sort()).toEqual(["chunks", "documents", "status"]);
    const admin = (await (await app.request("/api/health", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { manifest: { embedder: unknown; version: string } };
    expect(admin.manifest.version).toBe(fx.service.index.manifest.version);
    expect(admin.manifest.embedder).toBeDefined();
    const wrong = (await (await app.request("/api/health", { headers: { authorization: "Bearer fel-token-0123456789" } })).json()) as Record<string, unknown>;
    expect(wrong.manifest).toBeUndefined();
  });
});

describe("GET /api/openapi.json", () => {
  it("is OpenAPI 3.1 and describes every route the app registers, with the request schemas the routes validate with", async () => {
    const app = fx.app({ AUTH_MODE: "oidc", OIDC_ISSUER: "https://idp.example", OIDC_CLIENT_ID: "rutinsvar", OIDC_REDIRECT_URI: "https://rutinsvar.example/auth/callback", SESSION_SECRET: "s".repeat(40) });
    const doc = (await (await app.request("/api/openapi.json")).json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>> };
    expect(doc.openapi).toBe("3.1.0");
    const registered = new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`));
    const described = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)));
    expect([...registered].filter((r) => !described.has(r))).toEqual([]);
    expect([...described].filter((d) => !registered.has(d))).toEqual([]);
    const ask = doc.paths["/api/ask"]!.post!.requestBody!.content["application/json"]!.schema as { properties: Record<string, { maxLength?: number }>; required: string[] };
    expect(ask.properties.question!.maxLength).toBe(2000);
    expect(ask.required).toEqual(["question"]);
    const chat = doc.paths["/v1/chat/completions"]!.post!.requestBody!.content["application/json"]!.schema as { required: string[] };
    expect(chat.required).toEqual(expect.arrayContaining(["model", "messages"]));
    expect(doc.paths["/api/admin/documents/{documentId}"]!.patch!.requestBody).toBeDefined();
  });

  it("describes /api/ask's answer truthfully: real answers validate against the documented schema", async () => {
    const app = fx.app();
    for (const question of ["Hur gör jag en orosanmälan?", "Vilka regler gäller för parkering vid rådhuset?"]) {
      const body = await (await postJson(app, "/api/ask", { question, options: { includeRetrieved: true } })).json();
      expect(answerSchema.safeParse(body).error).toBeUndefined();
    }
    expect(OPERATIONS.length).toBeGreaterThan(20);
  });
});

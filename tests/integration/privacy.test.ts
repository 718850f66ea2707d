/**
 * Personal data in questions: the warning, masking in everything stored
 * (question log, feedback) and sent to a language model, the audit CSV for
 * the data-protection officer, and retention.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/schemas.js";
import { PII_WARNING } from "../../src/privacy/pii.js";
import { openAnswerService } from "../../src/lifecycle/open-answer-service.js";
import { createAdminBackend, type AdminBackend } from "../../src/admin/backend.js";
import { createIndexHolder } from "../../src/lifecycle/index-holder.js";
import { openSqliteStores, type Stores } from "../../src/store/index.js";
import type { QuestionLog } from "../../src/store/question-log.js";
import { purgeExpired, scheduleRetention } from "../../src/store/retention.js";
import { startFakeLlmServer, type FakeLlmServer } from "../helpers/fake-llm-server.js";
import { bearer, buildSecurityFixture, postJson, STAFF, type SecurityFixture } from "../helpers/security-app.js";
import { ingestFunctions } from "../../ingest/index.js";

const ADMIN_TOKEN = "admin-token-0123456789abcdef";
const PNR = "811218-9876";
const PII_QUESTION = `Hur gör jag en orosanmälan för barnet ${PNR} som bor på Storgatan 12, tel 070-123 45 67?`;

let fx: SecurityFixture;
let backend: AdminBackend;
let stores: Stores;
let questions: QuestionLog;
let app: ReturnType<SecurityFixture["app"]>;

beforeAll(async () => {
  fx = await buildSecurityFixture();
  const env = { AUTH_MODE: "token", AUTH_TOKENS_FILE: "unused.json", ADMIN_TOKEN };
  backend = await createAdminBackend(fx.config(env), await createIndexHolder(fx.config(env)), () => {}, ingestFunctions);
  stores = backend.stores;
  questions = stores.questions;
  app = fx.app(env, { tokens: Object.values(STAFF), stores, jobs: backend.jobs, ingest: ingestFunctions, questions });
});
afterAll(async () => {
  await backend?.close();
  await fx?.cleanup();
});

/** Every stored row of `table`, read past the store's interface. */
async function rawRows(table: "question_log" | "feedback"): Promise<unknown[]> {
  return stores.kind === "files" ? stores.db.prepare(`SELECT * FROM ${table}`).all() : (await stores.pool.query(`SELECT * FROM ${table}`)).rows;
}

async function ask(question: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await postJson(app, "/api/ask", { question }, { ...bearer(STAFF.ida), ...headers });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

describe("personal data in the question", () => {
  it("warns in the answer and still answers", async () => {
    const a = await ask(PII_QUESTION);
    expect(a.piiWarning).toBe(PII_WARNING);
    expect(a.piiWarning).toBe("Skriv inte personuppgifter i frågan.");
    expect(a.abstained).toBe(false);
    expect(a.citations[0]!.source).toBe("orosanmalan.md");
    expect(JSON.stringify(a)).not.toContain(PNR);
  });

  it("does not warn for an ordinary question with dates, paragraphs and amounts", async () => {
    const a = await ask("Gäller 6 § LVU och SFS 2025:400 från 2025-01-15 för belopp över 12 500 kr?");
    expect(a.piiWarning).toBeUndefined();
  });

  it("warns in the streamed answer too", async () => {
    const res = await postJson(app, "/api/ask", { question: PII_QUESTION }, { ...bearer(STAFF.ida), accept: "text/event-stream" });
    const body = await res.text();
    const done = JSON.parse(body.split("event: done\ndata: ")[1]!.split("\n")[0]!) as Answer;
    expect(done.piiWarning).toBe(PII_WARNING);
    expect(body).not.toContain(PNR);
  });

  it("logs the question masked, with the user and the cited documents", async () => {
    await ask(PII_QUESTION);
    const entry = (await questions.list({ limit: 1 }))[0]!;
    expect(entry.userId).toBe("ida");
    expect(entry.question).toBe("Hur gör jag en orosanmälan för barnet [personnummer] som bor på [adress], tel [telefonnummer]?");
    expect(entry.hadPersonalData).toBe(true);
    expect(entry.documents.map((d) => d.source)).toContain("orosanmalan.md");
    expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const raw = JSON.stringify(await rawRows("question_log"));
    expect(raw).not.toContain(PNR);
    expect(raw).not.toContain("070-123");
  });

  it("stores feedback with the question and comment masked", async () => {
    const res = await postJson(app, "/api/feedback", { question: PII_QUESTION, answer: "Svar", rating: "down", comment: `Gäller det anna.andersson@exempel.se och ${PNR}?` }, bearer(STAFF.ida));
    expect(res.status).toBe(201);
    const raw = JSON.stringify(await rawRows("feedback"));
    expect(raw).not.toContain(PNR);
    expect(raw).not.toContain("anna.andersson");
    expect(raw).toContain("[e-postadress]");
    expect(raw).toContain("[personnummer]");
  });

  it("sends the language model only the masked question and history", async () => {
    let llm: FakeLlmServer | undefined;
    try {
      llm = await startFakeLlmServer({ reply: () => ({ text: "Gör en anmälan till socialnämnden [1]." }) });
      const service = await openAnswerService(fx.config({ LLM_PROVIDER: "openai-compatible", LLM_BASE_URL: llm.openaiUrl, LLM_MODEL: "test-model" }));
      const llmApp = fx.app({}, { answers: () => service, questions });
      const res = await postJson(llmApp, "/api/ask", {
        question: PII_QUESTION,
        history: [
          { role: "user", content: "Jag har ett ärende om 701063-2391, mejl far@exempel.se" },
          { role: "assistant", content: "Det framgår inte av de rutiner jag har tillgång till." },
        ],
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as Answer).piiWarning).toBe(PII_WARNING);
      expect(llm.chatRequests.length).toBeGreaterThan(0);
      const sent = JSON.stringify(llm.chatRequests.map((r) => r.body));
      for (const secret of [PNR, "701063-2391", "far@exempel.se", "070-123 45 67", "Storgatan 12"]) expect(sent).not.toContain(secret);
      expect(sent).toContain("Hur gör jag en orosanmälan för barnet som bor på, tel?");
    } finally {
      await llm?.close();
    }
  });
});

describe("GET /api/admin/audit.csv", () => {
  it("needs the admin token", async () => {
    expect((await app.request("/api/admin/audit.csv")).status).toBe(401);
    expect((await app.request("/api/admin/audit.csv", { headers: bearer(STAFF.ida) })).status).toBe(401);
  });

  it("exports questions (masked, user, documents) and admin actions as CSV", async () => {
    await ask("Hur bokar jag tolk?", {});
    await stores.audit.record({ actor: "admin", action: "ta bort", target: "gammal-rutin.pdf", result: "ok", detail: null });
    const res = await app.request("/api/admin/audit.csv", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="rutinsvar-granskningslogg-\d{4}-\d{2}-\d{2}\.csv"/);
    const csv = await res.text();
    const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe('"tid","typ","användare","fråga eller åtgärd","dokument eller mål","resultat","personuppgifter i frågan","svarstid ms"');
    expect(csv).not.toContain(PNR);
    expect(lines.some((l) => l.includes('"fråga","ida","Hur bokar jag tolk?"') && l.includes("tolk.txt"))).toBe(true);
    expect(lines.some((l) => l.includes("[personnummer]") && l.includes('"ja (maskerade)"'))).toBe(true);
    expect(lines.some((l) => l.includes('"administration","admin","ta bort","gammal-rutin.pdf","ok"'))).toBe(true);
    const times = lines.slice(1).map((l) => l.slice(1, 25));
    expect([...times].sort().reverse()).toEqual(times);
  });
});

describe("retention", () => {
  it("deletes questions and feedback older than RETENTION_DAYS and keeps newer ones", async () => {
    const db = openSqliteStores(":memory:");
    const log = db.questions;
    const now = new Date("2025-06-30T12:00:00Z");
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86400_000).toISOString();
    for (const d of [1, 29, 31, 400]) {
      await log.record({ at: daysAgo(d), userId: "u", question: `q${d}`, hadPersonalData: false, abstained: false, documents: [], durationMs: 1 });
      db.db.prepare("INSERT INTO feedback (id, created_at, rating, question, answer, comment, citations) VALUES (?, ?, 'up', 'q', 'a', NULL, '[]')").run(`f${d}`, daysAgo(d));
    }
    await db.audit.record({ at: daysAgo(400), actor: "admin", action: "ta bort", target: "gammal.pdf", result: "ok", detail: null });
    const result = await purgeExpired(db, 30, now);
    expect(result).toEqual({ before: daysAgo(30), questions: 2, feedback: 2 });
    expect((await log.list()).map((e) => e.question).sort()).toEqual(["q1", "q29"]);
    expect((db.db.prepare("SELECT id FROM feedback ORDER BY id").all() as { id: string }[]).map((r) => r.id)).toEqual(["f1", "f29"]);
    // The audit trail of administrators' actions is kept, however old.
    expect((await db.audit.list()).map((e) => e.target)).toEqual(["gammal.pdf"]);
    await db.close();
  });

  it("runs at start and stops cleanly", async () => {
    const db = openSqliteStores(":memory:");
    const log = db.questions;
    await log.record({ at: "2000-01-01T00:00:00.000Z", userId: "u", question: "gammal", hadPersonalData: false, abstained: false, documents: [], durationMs: 1 });
    const messages: string[] = [];
    const retention = scheduleRetention(db, 30, (m) => messages.push(m));
    await retention.done;
    expect(await log.list()).toEqual([]);
    expect(messages[0]).toMatch(/^retention: deleted 1 questions/);
    retention.stop();
    await db.close();
  });
});

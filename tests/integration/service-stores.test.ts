/**
 * One contract for the service stores (audit log, feedback, question log,
 * ingest jobs, retention), run against both implementations: SQLite
 * (STORE=files) and PostgreSQL (STORE=postgres). The PostgreSQL half is
 * skipped, with the reason, when no server can be started.
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { JobRecord } from "../../src/store/ingest-jobs.js";
import { openSqliteStores, type Stores } from "../../src/store/index.js";
import { openPostgresStores } from "../../src/store/postgres/service-stores.js";
import { purgeExpired } from "../../src/store/retention.js";
import { startTestPostgres } from "../helpers/postgres.js";

const db = await startTestPostgres();
let pgStores: Stores | undefined;
afterAll(async () => {
  await pgStores?.close();
  await db.stop();
});

interface Flavour {
  name: string;
  skip: string | null;
  open(): Promise<Stores>;
  done(stores: Stores): Promise<void>;
}

const flavours: Flavour[] = [
  {
    name: "SQLite",
    skip: null,
    open: async () => openSqliteStores(":memory:"),
    done: (s) => s.close(),
  },
  {
    name: "PostgreSQL",
    skip: db.url ? null : (db.reason ?? "PostgreSQL saknas"),
    async open() {
      pgStores ??= await openPostgresStores(db.url!);
      if (pgStores.kind !== "postgres") throw new Error("expected PostgreSQL stores");
      await pgStores.pool.query("TRUNCATE audit_log, feedback, ingest_jobs, question_log RESTART IDENTITY");
      return pgStores;
    },
    // One pool for the whole file; closed in afterAll.
    done: async () => {},
  },
];

const NOW = new Date("2025-06-30T12:00:00.000Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86400_000).toISOString();

function job(id: string, over: Partial<JobRecord> = {}): JobRecord {
  return {
    id,
    kind: "reindex",
    actor: "admin",
    description: `Jobb ${id}`,
    status: "queued",
    progress: { done: 0, total: 0, current: "" },
    results: [],
    summary: null,
    createdAt: NOW.toISOString(),
    startedAt: null,
    finishedAt: null,
    error: null,
    ...over,
  };
}

/** Feedback as given at `at` (the store stamps new feedback with the current time). */
async function insertFeedbackAt(s: Stores, id: string, at: string): Promise<void> {
  const sql = "INSERT INTO feedback (id, created_at, rating, question, answer, comment, citations) VALUES ";
  if (s.kind === "files") s.db.prepare(`${sql}(?, ?, 'up', 'q', 'a', NULL, '[]')`).run(id, at);
  else await s.pool.query(`${sql}($1, $2, 'up', 'q', 'a', NULL, '[]')`, [id, at]);
}

for (const flavour of flavours) {
  describe.skipIf(flavour.skip !== null)(`service stores on ${flavour.name}${flavour.skip ? ` (hoppas över: ${flavour.skip})` : ""}`, () => {
    let s: Stores;
    beforeEach(async () => {
      s = await flavour.open();
      return () => flavour.done(s);
    });

    it("audit log: records entries and lists them newest first with limit and offset", async () => {
      const first = await s.audit.record({ at: daysAgo(2), actor: "admin", action: "ladda upp", target: "a.pdf", result: "ok", detail: { files: ["a.pdf"], n: 1 } });
      expect(first).toEqual({ id: expect.any(Number), at: daysAgo(2), actor: "admin", action: "ladda upp", target: "a.pdf", result: "ok", detail: { files: ["a.pdf"], n: 1 } });
      await s.audit.record({ actor: "okänd", action: "ta bort", target: null, result: "nekad (401 unauthorized): Fel token", detail: null });
      await s.audit.record({ actor: "admin", action: "indexera om", target: null, result: "ok", detail: null });
      const all = await s.audit.list();
      expect(all.map((e) => e.action)).toEqual(["indexera om", "ta bort", "ladda upp"]);
      expect(all[2]).toEqual(first);
      expect(all[1]).toMatchObject({ actor: "okänd", target: null, detail: null });
      expect(all[1]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect((await s.audit.list({ limit: 1 })).map((e) => e.action)).toEqual(["indexera om"]);
      expect((await s.audit.list({ limit: 1, offset: 1 })).map((e) => e.action)).toEqual(["ta bort"]);
    });

    it("feedback: thumbs down first, then newest first; filters by rating; limit; optional comment", async () => {
      const up = await s.feedback.add({ question: "Hur bokar jag tolk?", answer: "Via tolkförmedlingen [1].", rating: "up", citations: [{ chunkId: "c1", source: "tolk.txt" }] });
      expect(up).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), createdAt: expect.stringMatching(/Z$/), rating: "up" });
      const down1 = await s.feedback.add({ question: "Vem beslutar?", answer: "Det framgår inte.", rating: "down", comment: "Fel svar", citations: [] });
      const down2 = await s.feedback.add({ question: "Vem beslutar nu?", answer: "Det framgår inte.", rating: "down", comment: "", citations: [] });
      const all = await s.feedback.list();
      expect(all.map((e) => e.id)).toEqual([down2.id, down1.id, up.id]);
      expect(all[1]).toEqual({ ...down1 });
      expect(all[0]).not.toHaveProperty("comment");
      expect(all[2]!.citations).toEqual([{ chunkId: "c1", source: "tolk.txt" }]);
      expect((await s.feedback.list({ rating: "up" })).map((e) => e.id)).toEqual([up.id]);
      expect((await s.feedback.list({ rating: "down", limit: 1 })).map((e) => e.id)).toEqual([down2.id]);
      expect(await s.feedback.list({ limit: 2 })).toHaveLength(2);
    });

    it("question log: newest first, since, limit, and the masked fields round-trip", async () => {
      const docs = [{ documentId: "d1", source: "orosanmalan.md", title: "Orosanmälan" }];
      await s.questions.record({ at: daysAgo(3), userId: "ida", question: "Gammal fråga", hadPersonalData: false, abstained: true, documents: [], durationMs: 12.5 });
      const newer = await s.questions.record({ at: daysAgo(1), userId: "ida", question: "Barnet [personnummer]?", hadPersonalData: true, abstained: false, documents: docs, durationMs: 40 });
      expect(newer).toMatchObject({ id: expect.any(Number), at: daysAgo(1) });
      const all = await s.questions.list();
      expect(all).toEqual([
        { id: newer.id, at: daysAgo(1), userId: "ida", question: "Barnet [personnummer]?", hadPersonalData: true, abstained: false, documents: docs, durationMs: 40 },
        expect.objectContaining({ question: "Gammal fråga", hadPersonalData: false, abstained: true, documents: [], durationMs: 12.5 }),
      ]);
      expect((await s.questions.list({ since: daysAgo(2) })).map((e) => e.question)).toEqual(["Barnet [personnummer]?"]);
      expect((await s.questions.list({ limit: 1 })).map((e) => e.question)).toEqual(["Barnet [personnummer]?"]);
    });

    it("retention: deletes questions and feedback older than N days, keeps newer ones and the whole audit trail", async () => {
      for (const d of [1, 29, 31, 400]) {
        await s.questions.record({ at: daysAgo(d), userId: "u", question: `q${d}`, hadPersonalData: false, abstained: false, documents: [], durationMs: 1 });
        await s.audit.record({ at: daysAgo(d), actor: "admin", action: "ta bort", target: `a${d}`, result: "ok", detail: null });
        await insertFeedbackAt(s, `f${d}`, daysAgo(d));
      }
      expect(await purgeExpired(s, 30, NOW)).toEqual({ before: daysAgo(30), questions: 2, feedback: 2 });
      expect((await s.questions.list()).map((e) => e.question)).toEqual(["q29", "q1"]);
      expect((await s.feedback.list()).map((e) => e.id)).toEqual(["f1", "f29"]);
      expect((await s.audit.list()).map((e) => e.target)).toEqual(["a400", "a31", "a29", "a1"]);
      expect(await purgeExpired(s, 30, NOW)).toEqual({ before: daysAgo(30), questions: 0, feedback: 0 });
    });

    it("jobs: save inserts and updates, get and list newest first", async () => {
      await s.jobs.save(job("job-a", { createdAt: daysAgo(2) }));
      await s.jobs.save(job("job-b", { createdAt: daysAgo(1) }));
      const results = [{ source: "a.pdf", status: "ingested" as const, chunks: 3, warnings: ["Sida 2 saknar textlager"], error: null }];
      const summary = { version: "v1", documents: 1, chunks: 3, failed: 0, seconds: 1.5 };
      const finished = job("job-a", {
        createdAt: daysAgo(2),
        status: "succeeded",
        startedAt: daysAgo(2),
        finishedAt: daysAgo(1.5),
        progress: { done: 1, total: 1, current: "a.pdf" },
        results,
        summary,
      });
      await s.jobs.save(finished);
      expect(await s.jobs.get("job-a")).toEqual(finished);
      expect(await s.jobs.get("finns-inte")).toBeUndefined();
      expect((await s.jobs.list()).map((j) => j.id)).toEqual(["job-b", "job-a"]);
      expect((await s.jobs.list(1)).map((j) => j.id)).toEqual(["job-b"]);
    });

    it("jobs: one slot; active is the claimed job; failInterrupted fails only jobs whose owner is gone", async () => {
      const claim = await s.jobs.claim("job-live");
      expect(claim).not.toBeNull();
      await s.jobs.save(job("job-live", { status: "running", startedAt: NOW.toISOString() }));
      expect(await s.jobs.claim("job-other")).toBeNull();
      expect((await s.jobs.active())?.id).toBe("job-live");

      // A job an earlier process left running: nobody holds its slot.
      await s.jobs.save(job("job-orphan", { status: "running", createdAt: daysAgo(1) }));
      expect(await s.jobs.failInterrupted("Tjänsten startades om")).toBe(1);
      expect(await s.jobs.get("job-orphan")).toMatchObject({ status: "failed", error: "Tjänsten startades om", finishedAt: expect.any(String) });
      expect((await s.jobs.get("job-live"))!.status).toBe("running");
      expect((await s.jobs.active())?.id).toBe("job-live");

      await s.jobs.save(job("job-live", { status: "succeeded", finishedAt: NOW.toISOString() }));
      await claim!.release();
      expect(await s.jobs.active()).toBeNull();
      const next = await s.jobs.claim("job-next");
      expect(next).not.toBeNull();
      await next!.release();
    });
  });
}

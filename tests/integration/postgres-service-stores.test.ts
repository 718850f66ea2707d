/**
 * Two instances on one PostgreSQL database behave as one service for the
 * service's own records: feedback given through A is listed and exported by
 * B, an admin action on A is in B's audit trail, a job started on A is
 * visible (status, progress, results) through B's job endpoints and B
 * refuses a second job with the same 409 while A's holds the slot, a
 * starting instance does not fail A's live job (only an orphan), and each
 * question and finished job is logged once.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminBackend, type AdminBackend } from "../../src/admin/backend.js";
import type { Config } from "../../src/config/env.js";
import { createApp } from "../../src/server/app.js";
import { createIndexHolder, type IndexHolder } from "../../src/lifecycle/index-holder.js";
import type { AuditEntry } from "../../src/store/audit-log.js";
import type { JobRecord } from "../../src/store/ingest-jobs.js";
import { ADMIN_TOKEN, buildAdminApp, type AdminApp } from "../helpers/admin-app.js";
import { postJson, tempDir, testConfig } from "../helpers/fixture-index.js";
import { startTestPostgres } from "../helpers/postgres.js";
import { ingestFunctions } from "../../ingest/index.js";

const db = await startTestPostgres();

const KOLLEKTIV_MD = `# Kollektivtrafik vid hembesök

## Resor
Handläggare som gör hembesök reser med kollektivtrafik och bokar färdtjänst för brukaren vid behov.
`;

type ErrorBody = { error: { code: string; message: string }; jobId?: string };

describe.skipIf(!db.url)(`service records shared by two instances on one PostgreSQL database${db.url ? "" : ` (hoppas över: ${db.reason})`}`, () => {
  let a: AdminApp;
  let bDir: string;
  let bConfig: Config;
  let bHolder: IndexHolder;
  let b: AdminBackend;
  let bApp: ReturnType<typeof createApp>;
  const errors: unknown[] = [];

  beforeAll(async () => {
    a = await buildAdminApp({ STORE: "postgres", DATABASE_URL: db.url! });
    // B shares the database and (as behind a load balancer) the corpus volume; its own data dir and pool.
    bDir = await tempDir("rutinsvar-pg-svc-b-");
    bConfig = testConfig({ STORE: "postgres", DATABASE_URL: db.url!, DATA_DIR: bDir, INDEX_DIR: path.join(bDir, "index"), CORPUS_DIR: a.corpusDir, ADMIN_TOKEN });
    bHolder = await createIndexHolder(bConfig, undefined, { log: (_m, err) => errors.push(err) });
    b = await createAdminBackend(bConfig, bHolder, (_m, err) => errors.push(err), ingestFunctions);
    bApp = createApp({ config: bConfig, answers: bHolder.current, log: () => {}, stores: b.stores, jobs: b.jobs, ingest: ingestFunctions, questions: b.stores.questions });
  });
  afterAll(async () => {
    await b?.close();
    await bHolder?.close();
    await a?.holder.close();
    await a?.cleanup();
    if (bDir) await fs.rm(bDir, { recursive: true, force: true });
    await db.stop();
  });

  const adminB = (url: string, init: RequestInit = {}) => bApp.request(url, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(init.headers as Record<string, string>) } });
  const auditOf = async (request: (url: string) => Response | Promise<Response>): Promise<AuditEntry[]> =>
    ((await (await request("/api/admin/audit?limit=1000")).json()) as { entries: AuditEntry[] }).entries;
  const jobOnB = async (id: string): Promise<JobRecord> => {
    const res = await adminB(`/api/admin/jobs/${id}`);
    expect(res.status).toBe(200);
    return (await res.json()) as JobRecord;
  };

  /** Polls B's job endpoint until the job has finished. */
  const waitOnB = async (id: string, timeoutMs = 30_000): Promise<JobRecord> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await jobOnB(id);
      if (job.status === "succeeded" || job.status === "failed") return job;
      if (Date.now() > deadline) throw new Error(`job ${id} did not finish: ${JSON.stringify(job)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it("uses the PostgreSQL stores on both instances", () => {
    expect(a.backend.stores.kind).toBe("postgres");
    expect(b.stores.kind).toBe("postgres");
  });

  it("feedback given through A is listed and exported by B", async () => {
    const res = await postJson(a.app, "/api/feedback", {
      question: "Vem tar emot orosanmälan efter kontorstid?",
      answer: "Socialjouren [1].",
      rating: "down",
      comment: "Saknar telefonnumret.",
      citations: [{ chunkId: "c-1", source: "orosanmalan.md" }],
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    const list = (await (await adminB("/api/admin/feedback")).json()) as { entries: { id: string; comment?: string; citations: unknown[] }[]; counts: { up: number; down: number } };
    expect(list.counts).toEqual({ up: 0, down: 1 });
    expect(list.entries).toEqual([expect.objectContaining({ id, rating: "down", comment: "Saknar telefonnumret.", citations: [{ chunkId: "c-1", source: "orosanmalan.md" }] })]);
    const csv = await (await adminB("/api/admin/feedback.csv")).text();
    const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"${id}"`);
    expect(lines[1]).toContain('"Vem tar emot orosanmälan efter kontorstid?","Socialjouren [1].","Saknar telefonnumret.","orosanmalan.md#c-1"');
  });

  it("an admin action on A is in B's audit trail, once", async () => {
    const res = await a.admin("/api/admin/documents/finns-inte-id", { method: "DELETE" });
    expect(res.status).toBe(404);
    const entries = (await auditOf(adminB)).filter((e) => e.target === "finns-inte-id");
    expect(entries).toEqual([expect.objectContaining({ actor: "admin", action: "ta bort", result: expect.stringMatching(/^nekad \(404 /) })]);
    expect(await auditOf(adminB)).toEqual(await auditOf(a.admin));
  });

  it("a question asked on A is in the question log B exports, once", async () => {
    const question = "Hur bokar jag tolk till ett hembesök?";
    await a.ask(question);
    const csv = await (await adminB("/api/admin/audit.csv")).text();
    expect(csv.split("\r\n").filter((l) => l.includes(`"fråga","anonym","${question}"`))).toHaveLength(1);
    expect((await b.stores.questions.list()).filter((q) => q.question === question)).toHaveLength(1);
  });

  it("a job started on A is seen by B, B refuses a second job with 409, and a starting instance fails only an orphaned job", async () => {
    await fs.writeFile(path.join(a.corpusDir, "kollektivtrafik.md"), KOLLEKTIV_MD);
    // A job left running by an instance that died: its row says "running" but nobody holds its lock.
    await b.stores.jobs.save({
      id: "job-foraldralos",
      kind: "reindex",
      actor: "admin",
      description: "Avbrutet på en instans som dog",
      status: "running",
      progress: { done: 1, total: 6, current: "tolk.txt" },
      results: [],
      summary: null,
      createdAt: new Date(Date.now() - 60_000).toISOString(),
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      finishedAt: null,
      error: null,
    });

    // The slot is taken on A (status "queued") and held until the job has finished.
    const handle = await a.backend.jobs.begin("reindex", "Läs in ändrade dokument", "admin");
    const seen = await jobOnB(handle.id);
    expect(seen).toMatchObject({ id: handle.id, status: "queued", kind: "reindex", description: "Läs in ändrade dokument", finishedAt: null });
    const listed = (await (await adminB("/api/admin/jobs")).json()) as { jobs: JobRecord[]; active: JobRecord | null };
    expect(listed.active?.id).toBe(handle.id);
    expect(listed.jobs[0]!.id).toBe(handle.id);

    const expected = `Ett inläsningsjobb pågår redan (${handle.id}). Vänta tills det är klart och försök igen.`;
    for (const [name, res] of [
      ["B reindex", await adminB("/api/admin/reindex", { method: "POST" })],
      ["B delete", await adminB(`/api/admin/documents/${a.holder.current().index.manifest.documents[0]!.id}`, { method: "DELETE" })],
      ["A reindex", await a.admin("/api/admin/reindex", { method: "POST" })],
    ] as const) {
      expect(res.status, name).toBe(409);
      const body = (await res.json()) as ErrorBody;
      expect(body.error, name).toMatchObject({ code: "job_running", message: expected });
      expect(body.jobId, name).toBe(handle.id);
    }

    // A third instance starting now fails the orphan, not A's live job.
    const cDir = await tempDir("rutinsvar-pg-svc-c-");
    try {
      const cConfig = testConfig({ STORE: "postgres", DATABASE_URL: db.url!, DATA_DIR: cDir, INDEX_DIR: path.join(cDir, "index"), CORPUS_DIR: a.corpusDir, ADMIN_TOKEN });
      const c = await createAdminBackend(cConfig, bHolder, () => {}, ingestFunctions);
      await c.close();
    } finally {
      await fs.rm(cDir, { recursive: true, force: true });
    }
    expect(await jobOnB("job-foraldralos")).toMatchObject({ status: "failed", error: expect.stringMatching(/startades om/) });
    expect((await jobOnB(handle.id)).status).toBe("queued");

    const finished = await handle.run();
    expect(finished.status).toBe("succeeded");
    const done = await jobOnB(handle.id);
    expect(done).toMatchObject({ status: "succeeded", error: null, finishedAt: expect.any(String), startedAt: expect.any(String) });
    expect(done.progress.total).toBeGreaterThan(0);
    expect(done.progress.done).toBe(done.progress.total);
    expect(done.results).toContainEqual(expect.objectContaining({ source: "kollektivtrafik.md", status: "ingested", error: null }));
    expect(done.summary?.version).toBe(a.holder.current().index.manifest.version);
    expect(done).toEqual(finished);

    // The job's audit entry exists once, in the one trail both instances read.
    const finishedEntries = (await auditOf(adminB)).filter((e) => e.action === "jobb klart" && e.target?.startsWith(`${handle.id}:`));
    expect(finishedEntries).toEqual([expect.objectContaining({ result: "ok", actor: "admin" })]);
    expect((await (await adminB("/api/admin/jobs")).json()) as { active: JobRecord | null }).toMatchObject({ active: null });

    // With A's job done the slot is free for B; A sees B's job.
    const res = await adminB("/api/admin/reindex", { method: "POST" });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    const bJob = await b.jobs.wait(jobId);
    expect(bJob?.status).toBe("succeeded");
    expect(await a.waitForJob(jobId)).toEqual(bJob);
    expect(errors).toEqual([]);
  });

  it("of two jobs requested on A and B at the same moment, exactly one runs", async () => {
    const [ra, rb] = await Promise.all([a.admin("/api/admin/reindex", { method: "POST" }), adminB("/api/admin/reindex", { method: "POST" })]);
    expect([ra.status, rb.status].sort()).toEqual([202, 409]);
    const [won, lost] = ra.status === 202 ? [ra, rb] : [rb, ra];
    const { jobId } = (await won.json()) as { jobId: string };
    const refused = (await lost.json()) as ErrorBody;
    expect(refused.error.code).toBe("job_running");
    expect(refused.jobId).toBe(jobId);
    // Read through the instance that did not run it.
    const finished = ra.status === 202 ? await waitOnB(jobId) : await a.waitForJob(jobId);
    expect(finished.status).toBe("succeeded");
    expect(errors).toEqual([]);
  });
});

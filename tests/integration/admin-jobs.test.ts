import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/schemas.js";
import type { JobRecord } from "../../src/store/ingest-jobs.js";
import { buildAdminApp, uploadForm, type AdminApp } from "../helpers/admin-app.js";
import { ingestFunctions } from "../../ingest/index.js";

let fx: AdminApp;
beforeAll(async () => {
  fx = await buildAdminApp();
});
afterAll(async () => fx?.cleanup());

const json = { "content-type": "application/json" };

describe("re-ingest jobs", () => {
  it("runs a reindex job with progress and per-file results, and keeps a history", async () => {
    const res = await fx.admin("/api/admin/reindex", { method: "POST" });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    const job = await fx.waitForJob(jobId);
    expect(job).toMatchObject({ id: jobId, kind: "reindex", status: "succeeded", error: null, actor: "admin" });
    expect(job.progress.done).toBe(job.progress.total);
    expect(job.progress.total).toBeGreaterThan(3);
    expect(Date.parse(job.startedAt!)).toBeLessThanOrEqual(Date.parse(job.finishedAt!));
    // Incremental: nothing changed, so nothing was parsed again.
    expect(job.results.every((r) => r.status === "unchanged")).toBe(true);
    for (const r of job.results) expect(Object.keys(r).sort()).toEqual(["chunks", "error", "source", "status", "warnings"]);

    const full = await fx.admin("/api/admin/reindex", { method: "POST", headers: json, body: JSON.stringify({ full: true }) });
    const fullJob = await fx.waitForJob(((await full.json()) as { jobId: string }).jobId);
    expect(fullJob.results.filter((r) => r.status === "ingested").length).toBe(fullJob.summary!.documents);

    const history = (await (await fx.admin("/api/admin/jobs")).json()) as { jobs: JobRecord[]; active: JobRecord | null };
    expect(history.jobs.slice(0, 2).map((j) => j.id)).toEqual([fullJob.id, jobId]);
    expect(history.active).toBeNull();
    expect((await fx.admin("/api/admin/jobs/finns-inte")).status).toBe(404);
  });

  it("runs one job at a time: a second request gets 409 with the running job's id", async () => {
    const first = await fx.admin("/api/admin/reindex", { method: "POST", headers: json, body: JSON.stringify({ full: true }) });
    expect(first.status).toBe(202);
    const { jobId } = (await first.json()) as { jobId: string };
    const second = await fx.admin("/api/admin/reindex", { method: "POST" });
    expect(second.status).toBe(409);
    const body = (await second.json()) as { error: { code: string; message: string }; jobId: string };
    expect(body.jobId).toBe(jobId);
    expect(body.error.code).toBe("job_running");
    expect(body.error.message).toContain(jobId);
    const upload = await fx.admin("/api/admin/documents", { method: "POST", body: uploadForm([{ name: "ny.md", content: "# Ny\n\nEn helt ny rutin om kaffe.\n" }]) });
    expect(upload.status).toBe(409);
    await expect(fs.access(path.join(fx.corpusDir, "ny.md"))).rejects.toThrow();
    expect((await fx.waitForJob(jobId)).status).toBe("succeeded");
    const next = await fx.admin("/api/admin/reindex", { method: "POST" });
    expect(next.status).toBe(202);
    await fx.waitForJob(((await next.json()) as { jobId: string }).jobId);
  });

  it("keeps answering every question during a re-ingest and switches atomically when it succeeds", async () => {
    const question = "Vem ska man ringa när larmet på gruppbostaden Solrosen går?";
    const marker = "larmcentralen-solrosen.md";
    const content = `# Larm på gruppbostaden Solrosen\n\nNär larmet på gruppbostaden Solrosen går ska personalen ringa Securitas larmcentral på nummer 010-470 50 00.\n`;
    const old = await fx.ask(question);
    expect(old.citations.some((c) => c.source === marker)).toBe(false);

    const res = await fx.admin("/api/admin/documents", { method: "POST", body: uploadForm([{ name: marker, content }]) });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    const answers: { answer: Answer; sentWhile: string }[] = [];
    let status = "running";
    let batchesWhileRunning = 0;
    while (status === "queued" || status === "running") {
      batchesWhileRunning++;
      const batch = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const r = await fx.app.request("/api/ask", { method: "POST", headers: json, body: JSON.stringify({ question }) });
          expect(r.status).toBe(200);
          return { answer: (await r.json()) as Answer, sentWhile: status };
        }),
      );
      answers.push(...batch);
      // In-process requests resolve on microtasks only; real requests arrive as I/O events, letting the job's I/O run in between.
      await new Promise((r) => setTimeout(r, 2));
      status = ((await (await fx.admin(`/api/admin/jobs/${jobId}`)).json()) as JobRecord).status;
    }
    expect(status).toBe("succeeded");
    expect(batchesWhileRunning).toBeGreaterThan(0);
    // Each answer comes whole from one version: the old (no citation of the new routine) or the new.
    const usesNew = answers.map((a) => a.answer.citations.some((c) => c.source === marker));
    for (const [i, a] of answers.entries()) {
      expect(a.answer.abstained || a.answer.citations.length > 0).toBe(true);
      if (usesNew[i]) expect(a.answer.citations.every((c) => fx.holder.current().index.getChunk(c.chunkId))).toBe(true);
      else expect(a.answer.answer).toBe(old.answer);
    }
    // Once the new version answers, the old one never comes back.
    const firstNew = usesNew.indexOf(true);
    if (firstNew >= 0) expect(usesNew.slice(firstNew).every(Boolean)).toBe(true);
    const after = await fx.ask(question);
    expect(after.citations[0]?.source).toBe(marker);
    expect(after.answer).toMatch(/010-470 50 00/);
  });

  it("a failed job reports why and keeps the previous index serving", async () => {
    const version = fx.holder.current().index.manifest.version;
    // Someone empties the corpus folder by hand: nothing could be ingested.
    const moved = path.join(fx.dir, "undan");
    await fs.rename(fx.corpusDir, moved);
    await fs.mkdir(fx.corpusDir);
    await fs.copyFile(path.resolve("tests/fixtures/files/trasig.pdf"), path.join(fx.corpusDir, "trasig.pdf"));
    try {
      // Every document would go: the job needs confirmation first (MAX_REMOVAL_SHARE).
      const refused = await fx.admin("/api/admin/reindex", { method: "POST" });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("confirm_removal");
      const res = await fx.admin("/api/admin/reindex?confirm=true", { method: "POST" });
      const job = await fx.waitForJob(((await res.json()) as { jobId: string }).jobId);
      expect(job.status).toBe("failed");
      // A failed job leaves the index: as many documents after as before.
      expect(job.documents?.after).toBe(job.documents?.before);
      expect(job.error).toMatch(/Inga dokument/);
      expect(job.results).toEqual([expect.objectContaining({ source: "trasig.pdf", status: "failed", error: expect.stringMatching(/skadad/) })]);
      expect(fx.holder.current().index.manifest.version).toBe(version);
      const a = await fx.ask("Hur gör jag en orosanmälan?");
      expect(a.citations.length).toBeGreaterThan(0);
      const { entries } = (await (await fx.admin("/api/admin/audit")).json()) as { entries: { action: string; result: string }[] };
      expect(entries.find((e) => e.action === "jobb klart")!.result).toMatch(/^misslyckades: Inga dokument/);
    } finally {
      await fs.rm(fx.corpusDir, { recursive: true, force: true });
      await fs.rename(moved, fx.corpusDir);
    }
  });

  it("marks jobs left unfinished by a previous process as failed at start", async () => {
    const { createJobStore } = await import("../../src/store/ingest-jobs.js");
    const { createJobRunner } = await import("../../src/admin/job-runner.js");
    const stores = fx.backend.stores;
    if (stores.kind !== "files") throw new Error("this test expects the SQLite store");
    const store = createJobStore(stores.db);
    await store.save({
      id: "job-kraschad",
      kind: "reindex",
      actor: "admin",
      description: "Avbrutet",
      status: "running",
      progress: { done: 1, total: 5, current: "a.pdf" },
      results: [],
      summary: null,
      createdAt: new Date().toISOString(),
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
    });
    await createJobRunner({ config: fx.config, served: () => fx.holder.current().index.manifest, reload: async () => (await fx.holder.reload()).index.manifest, ingest: ingestFunctions, store, log: () => {} });
    const job = (await store.get("job-kraschad"))!;
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/startades om/);
  });
});

/**
 * The data-loss guard: a server started with another CORPUS_DIR than the one
 * its index was built from changes nothing; a job that would remove more
 * than MAX_REMOVAL_SHARE of the documents needs confirmation; every job
 * reports documents before → after; the previous index version can be
 * restored in one action.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminBackend, type AdminBackend } from "../../src/admin/backend.js";
import type { Config } from "../../src/config/env.js";
import { createApp } from "../../src/server/app.js";
import { createIndexHolder, type IndexHolder } from "../../src/lifecycle/index-holder.js";
import type { JobRecord } from "../../src/store/ingest-jobs.js";
import { ADMIN_TOKEN, buildAdminApp, uploadForm, type AdminApp } from "../helpers/admin-app.js";
import { testConfig } from "../helpers/fixture-index.js";
import { ingestFunctions } from "../../ingest/index.js";

type ErrorBody = { error: { code: string; message: string }; [key: string]: unknown };

const json = { "content-type": "application/json" };
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

let fx: AdminApp;
beforeAll(async () => {
  fx = await buildAdminApp();
});
afterAll(async () => fx?.cleanup());

async function filesUnder(dir: string): Promise<string[]> {
  return ((await fs.readdir(dir, { recursive: true })) as string[]).sort();
}

describe("a server whose CORPUS_DIR is not the index's folder", () => {
  let other: string;
  let config: Config;
  let holder: IndexHolder;
  let backend: AdminBackend;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    // The reported case: INDEX_DIR points at a built index, CORPUS_DIR at another (small) folder.
    other = path.join(fx.dir, "annan-korpus");
    await fs.mkdir(other);
    await fs.writeFile(path.join(other, "enda.md"), "# Enda rutinen\n\nDet här är den enda rutinen i den här mappen.\n");
    config = testConfig({ INDEX_DIR: fx.config.indexDir, CORPUS_DIR: other, DATA_DIR: path.join(fx.dir, "data-annan"), ADMIN_TOKEN });
    holder = await createIndexHolder(config);
    backend = await createAdminBackend(config, holder, () => {}, ingestFunctions);
    app = createApp({ config, answers: holder.current, log: () => {}, stores: backend.stores, jobs: backend.jobs, ingest: ingestFunctions, questions: backend.stores.questions });
  });
  afterAll(async () => {
    await backend?.close();
    await holder?.close();
  });

  it("refuses upload, PATCH, DELETE and reindex with 409 corpus_mismatch naming both folders, and changes nothing", async () => {
    const version = fx.holder.current().index.manifest.version;
    const documents = fx.holder.current().index.manifest.counts.documents;
    const otherFiles = await filesUnder(other);
    const corpusFiles = await filesUnder(fx.corpusDir);
    const someId = holder.current().index.manifest.documents[0]!.id;
    const requests: [string, RequestInit][] = [
      ["/api/admin/documents", { method: "POST", body: uploadForm([{ name: "ny.md", content: "# Ny\n\nEn ny rutin om kaffe.\n" }]) }],
      [`/api/admin/documents/${someId}`, { method: "PATCH", headers: json, body: JSON.stringify({ owner: "Någon" }) }],
      [`/api/admin/documents/${someId}`, { method: "DELETE" }],
      ["/api/admin/reindex", { method: "POST" }],
      ["/api/admin/reindex?confirm=true", { method: "POST", headers: json, body: JSON.stringify({ full: true }) }],
    ];
    for (const [url, init] of requests) {
      const res = await app.request(url, { ...init, headers: { ...auth, ...(init.headers as Record<string, string> | undefined) } });
      expect(res.status, `${init.method} ${url}`).toBe(409);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe("corpus_mismatch");
      expect(body.error.message).toContain(fx.corpusDir);
      expect(body.error.message).toContain(other);
      expect(body.error.message).toContain(`CORPUS_DIR=${fx.corpusDir}`);
      expect(body).toMatchObject({ configuredCorpusDir: other, indexCorpusDir: fx.corpusDir });
    }
    // Nothing written, no job started, the index untouched.
    expect(await filesUnder(other)).toEqual(otherFiles);
    expect(await filesUnder(fx.corpusDir)).toEqual(corpusFiles);
    expect(await backend.jobs.list()).toEqual([]);
    await holder.reload();
    expect(holder.current().index.manifest).toMatchObject({ version, counts: { documents } });
    // The page is told up front; refusals are audited.
    const page = (await (await app.request("/api/admin/documents", { headers: auth })).json()) as { corpus: { configured: string; indexed: string; mismatch: string | null } };
    expect(page.corpus).toMatchObject({ configured: other, indexed: fx.corpusDir });
    expect(page.corpus.mismatch).toContain(`CORPUS_DIR=${fx.corpusDir}`);
    const { entries } = (await (await app.request("/api/admin/audit", { headers: auth })).json()) as { entries: { result: string }[] };
    expect(entries.filter((e) => e.result.includes("corpus_mismatch")).length).toBe(requests.length);
  });
});

describe("removal guard, documents before → after, and restoring the previous version", () => {
  const question = "Hur anmäler jag oro för ett barn?";
  const kept = new Set(["tolk.txt", "tolk.txt.meta.yml", "SOURCES.md", ".utkast.md"]);
  let aside: string;

  it("a reindex that would drop more than 10 % gets 409 confirm_removal and leaves the index; confirmed, it runs and reports before → after", async () => {
    const before = fx.holder.current().index.manifest;
    expect(before.counts.documents).toBe(5);
    expect((await fx.ask(question)).citations.some((c) => c.source === "orosanmalan.md")).toBe(true);

    // Someone moves most of the corpus away by hand.
    aside = path.join(fx.dir, "undan");
    await fs.mkdir(aside);
    for (const name of await fs.readdir(fx.corpusDir)) {
      if (!kept.has(name)) await fs.rename(path.join(fx.corpusDir, name), path.join(aside, name));
    }

    for (const init of [{ method: "POST" }, { method: "POST", headers: json, body: JSON.stringify({ full: true }) }, { method: "POST", headers: json, body: JSON.stringify({ confirm: true }) }]) {
      const res = await fx.admin("/api/admin/reindex", init);
      if (init.body?.includes("confirm")) {
        // Confirmation is the query parameter only; a body field is not accepted.
        expect(res.status).toBe(400);
        continue;
      }
      expect(res.status).toBe(409);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe("confirm_removal");
      expect(body).toMatchObject({ before: 5, after: 1, removed: 4, maxShare: 0.1 });
      expect(body.error.message).toMatch(/4 av 5 dokument/);
      expect(body.sources).toEqual(expect.arrayContaining(["orosanmalan.md", "ekonomiskt-bistand.pdf"]));
    }
    expect(fx.holder.current().index.manifest.version).toBe(before.version);
    expect((await fx.backend.jobs.list()).filter((j) => j.kind === "reindex")).toEqual([]);
    expect((await fx.ask(question)).citations.some((c) => c.source === "orosanmalan.md")).toBe(true);

    const res = await fx.admin("/api/admin/reindex?confirm=true", { method: "POST" });
    expect(res.status).toBe(202);
    const job = await fx.waitForJob(((await res.json()) as { jobId: string }).jobId);
    expect(job.status).toBe("succeeded");
    expect(job.documents).toEqual({ before: 5, after: 1 });
    expect(fx.holder.current().index.manifest.counts.documents).toBe(1);
    expect((await fx.ask(question)).citations.some((c) => c.source === "orosanmalan.md")).toBe(false);
    const { jobs } = (await (await fx.admin("/api/admin/jobs")).json()) as { jobs: JobRecord[] };
    expect(jobs[0]).toMatchObject({ id: job.id, documents: { before: 5, after: 1 } });
  });

  it("restore-previous brings back the earlier document count and answers from it; the version it replaced stays restorable", async () => {
    const index = (await (await fx.admin("/api/admin/documents")).json()) as { index: { documents: number; previous: { documents: number } | null } };
    expect(index.index).toMatchObject({ documents: 1, previous: { documents: 5 } });
    const droppedVersion = fx.holder.current().index.manifest.version;

    const res = await fx.admin("/api/admin/index/restore-previous", { method: "POST" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { jobId: string; before: { version: string; documents: number }; after: { version: string; documents: number }; job: JobRecord };
    expect(body.before).toEqual({ version: droppedVersion, documents: 1 });
    expect(body.after.documents).toBe(5);
    expect(body.after.version).not.toBe(droppedVersion);
    expect(body.job).toMatchObject({ kind: "restore", status: "succeeded", documents: { before: 1, after: 5 } });
    expect(fx.holder.current().index.manifest).toMatchObject({ version: body.after.version, counts: { documents: 5 } });
    const answer = await fx.ask(question);
    expect(answer.citations.some((c) => c.source === "orosanmalan.md")).toBe(true);
    const { entries } = (await (await fx.admin("/api/admin/audit")).json()) as { entries: { action: string; result: string; target: string | null }[] };
    expect(entries.find((e) => e.action === "återställ föregående indexversion")).toMatchObject({ result: "ok", target: body.after.version });

    // Files back in place; a publish then keeps the restored version (the one it replaced) as the previous one.
    for (const name of await fs.readdir(aside)) await fs.rename(path.join(aside, name), path.join(fx.corpusDir, name));
    const again = await fx.admin("/api/admin/reindex", { method: "POST" });
    expect(again.status).toBe(202);
    const job = await fx.waitForJob(((await again.json()) as { jobId: string }).jobId);
    expect(job).toMatchObject({ status: "succeeded", documents: { before: 5, after: 5 } });
    const after = (await (await fx.admin("/api/admin/documents")).json()) as { index: { previous: { version: string; documents: number } | null } };
    expect(after.index.previous).toMatchObject({ version: body.after.version, documents: 5 });
  });

  it("restore-previous answers 409 while a job runs", async () => {
    const res = await fx.admin("/api/admin/reindex", { method: "POST", headers: json, body: JSON.stringify({ full: true }) });
    const { jobId } = (await res.json()) as { jobId: string };
    const version = fx.holder.current().index.manifest.version;
    const restore = await fx.admin("/api/admin/index/restore-previous", { method: "POST" });
    expect(restore.status).toBe(409);
    expect(((await restore.json()) as ErrorBody).error.code).toBe("job_running");
    await fx.waitForJob(jobId);
    expect(fx.holder.current().index.manifest.version).not.toBe(version);
  });

  it("a DELETE counts only the documents it did not name; an upload reports before → after", async () => {
    const tolk = fx.holder.current().index.manifest.documents.find((d) => d.source === "tolk.txt")!;
    const del = await fx.admin(`/api/admin/documents/${tolk.id}`, { method: "DELETE" });
    expect(del.status).toBe(202);
    expect(await fx.waitForJob(((await del.json()) as { jobId: string }).jobId)).toMatchObject({ status: "succeeded", documents: { before: 5, after: 4 } });
    const up = await fx.admin("/api/admin/documents", { method: "POST", body: uploadForm([{ name: "kaffe.md", content: "# Kaffe\n\nKaffebryggaren rengörs varje fredag av den som stänger.\n" }]) });
    expect(up.status).toBe(202);
    expect(await fx.waitForJob(((await up.json()) as { jobId: string }).jobId)).toMatchObject({ status: "succeeded", documents: { before: 4, after: 5 } });
  });
});

describe("restore-previous without a previous version", () => {
  it("answers 409 no_previous_version", async () => {
    const single = await buildAdminApp();
    try {
      const res = await single.admin("/api/admin/index/restore-previous", { method: "POST" });
      expect(res.status).toBe(409);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe("no_previous_version");
      expect(body.error.message).toMatch(/ingen tidigare indexversion/);
    } finally {
      await single.cleanup();
    }
  });
});

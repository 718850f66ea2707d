/**
 * Restoring the previous index version with STORE=postgres: one transaction
 * switches `is_current` and NOTIFYs, the served index reloads, and the next
 * publish keeps the restored version as the previous one.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobRecord } from "../../src/store/ingest-jobs.js";
import { buildAdminApp, type AdminApp } from "../helpers/admin-app.js";
import { startTestPostgres } from "../helpers/postgres.js";

const db = await startTestPostgres();

describe.skipIf(!db.url)(`restore-previous with STORE=postgres${db.url ? "" : ` (hoppas över: ${db.reason})`}`, () => {
  let fx: AdminApp;
  beforeAll(async () => {
    fx = await buildAdminApp({ STORE: "postgres", DATABASE_URL: db.url! });
  });
  afterAll(async () => {
    await fx?.holder.close();
    await fx?.cleanup();
    await db.stop();
  });

  it("drops documents only with confirmation, restores the earlier count and keeps it restorable after the next publish", async () => {
    const question = "Hur anmäler jag oro för ett barn?";
    expect(fx.holder.current().index.manifest.counts.documents).toBe(5);
    const noPrevious = await fx.admin("/api/admin/index/restore-previous", { method: "POST" });
    expect(noPrevious.status).toBe(409);
    expect(((await noPrevious.json()) as { error: { code: string } }).error.code).toBe("no_previous_version");

    const aside = path.join(fx.dir, "undan");
    await fs.mkdir(aside);
    for (const name of ["orosanmalan.md", "ekonomiskt-bistand.pdf", "ekonomiskt-bistand.pdf.meta.yml", "gemensamt"]) {
      await fs.rename(path.join(fx.corpusDir, name), path.join(aside, name));
    }
    expect((await fx.admin("/api/admin/reindex", { method: "POST" })).status).toBe(409);
    const res = await fx.admin("/api/admin/reindex?confirm=true", { method: "POST" });
    const job = await fx.waitForJob(((await res.json()) as { jobId: string }).jobId);
    expect(job).toMatchObject({ status: "succeeded", documents: { before: 5, after: 2 } });

    const restore = await fx.admin("/api/admin/index/restore-previous", { method: "POST" });
    expect(restore.status).toBe(200);
    const body = (await restore.json()) as { before: { documents: number }; after: { version: string; documents: number }; job: JobRecord };
    expect(body.before.documents).toBe(2);
    expect(body.after.documents).toBe(5);
    expect(fx.holder.current().index.manifest.counts.documents).toBe(5);
    expect((await fx.ask(question)).citations.some((c) => c.source === "orosanmalan.md")).toBe(true);

    for (const name of await fs.readdir(aside)) await fs.rename(path.join(aside, name), path.join(fx.corpusDir, name));
    const again = await fx.admin("/api/admin/reindex", { method: "POST" });
    expect(await fx.waitForJob(((await again.json()) as { jobId: string }).jobId)).toMatchObject({ status: "succeeded", documents: { before: 5, after: 5 } });
    const page = (await (await fx.admin("/api/admin/documents")).json()) as { index: { previous: { version: string; documents: number } | null } };
    expect(page.index.previous).toEqual(expect.objectContaining({ version: body.after.version, documents: 5 }));
  });
});

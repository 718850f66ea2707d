/**
 * GET /api/admin/documents at library scale: paged on the server, searched,
 * filtered by unit and status, sorted; statuses compared with the index's own
 * corpus folder, so a mismatched CORPUS_DIR does not label every document
 * "removed" (the reported case: 1,143 documents shown as "Borttagen").
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DocumentPage, DocumentStatus } from "../../src/admin/documents.js";
import { createApp } from "../../src/server/app.js";
import { ingestFunctions } from "../../ingest/index.js";
import { buildAdminApp, type AdminApp } from "../helpers/admin-app.js";
import { FIXTURE_CORPUS } from "../helpers/fixture-index.js";

/** The list endpoint answers with one page of `queryDocuments`. */
type ListBody = DocumentPage;

let fx: AdminApp;
beforeAll(async () => {
  fx = await buildAdminApp();
});
afterAll(async () => fx?.cleanup());

async function list(query = ""): Promise<ListBody> {
  const res = await fx.admin(`/api/admin/documents${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ListBody;
}

describe("GET /api/admin/documents: paging, search, filters, sorting", () => {
  it("pages on the server with the total; pageSize above 100 is refused", async () => {
    const all = await list();
    expect(all.total).toBe(fx.holder.current().index.manifest.documents.length);
    const p1 = await list("?pageSize=2&page=1");
    const p2 = await list("?pageSize=2&page=2");
    expect(p1).toMatchObject({ total: all.total, page: 1, pageSize: 2, pages: Math.ceil(all.total / 2) });
    expect(p1.documents.map((d) => d.source)).toEqual(all.documents.slice(0, 2).map((d) => d.source));
    expect(p2.documents.map((d) => d.source)).toEqual(all.documents.slice(2, 4).map((d) => d.source));
    expect((await list("?pageSize=100")).documents.length).toBe(all.total);
    const tooMany = await fx.admin("/api/admin/documents?pageSize=101");
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
  });

  it("searches title and path (case and diacritics folded), filters by unit", async () => {
    const byTitle = await list(`?q=${encodeURIComponent("EKONOMISKT bistand")}`);
    expect(byTitle.documents.map((d) => d.source)).toEqual(["ekonomiskt-bistand.pdf"]);
    const byPath = await list("?q=gemensamt%2Fsekr");
    expect(byPath.documents.map((d) => d.source)).toEqual(["gemensamt/sekretess.html"]);
    const all = await list();
    expect(all.units).toContainEqual({ unit: "gemensamt", count: 1 });
    const unit = await list("?unit=gemensamt");
    expect(unit.total).toBe(1);
    expect(unit.documents[0]!.unit).toBe("gemensamt");
    expect(all.units.reduce((n, u) => n + u.count, 0)).toBe(all.total);
  });

  it("sorts by review date (earliest first, undated last) and by updated date (newest first)", async () => {
    const review = (await list("?sort=review")).documents;
    const dates = review.map((d) => d.reviewBy ?? (/^\d{4}-\d\d-\d\d/.test(d.validUntil ?? "") ? d.validUntil : null));
    const dated = dates.filter((d): d is string => d !== null);
    expect(dated.length).toBeGreaterThan(0);
    expect(dated).toEqual([...dated].sort());
    expect(dates.slice(0, dated.length)).toEqual(dated);
    expect(review[0]!.source).toBe("ekonomiskt-bistand.pdf");
    const updated = (await list("?sort=updated")).documents.map((d) => d.updatedOn ?? d.ingestedAt!.slice(0, 10));
    expect(updated).toEqual([...updated].sort().reverse());
    expect((await fx.admin("/api/admin/documents?sort=size")).status).toBe(400);
  });
});

describe("GET /api/admin/documents: statuses tell the truth", () => {
  it("indexed, changed on disk, new on disk, removed from disk, failed with the reason", async () => {
    expect((await list()).statusCounts).toMatchObject({ indexed: 5, changed: 0, new: 0, removed: 0, failed: 0 });
    await fs.appendFile(path.join(fx.corpusDir, "orosanmalan.md"), "\n\nEtt tillägg på disken.\n");
    await fs.writeFile(path.join(fx.corpusDir, "ny-rutin.md"), "# Ny rutin\n\nNyckelskåpet öppnas med kod från enhetschefen.\n");
    await fs.writeFile(path.join(fx.corpusDir, "trasig.pdf"), "det här är ingen pdf");
    await fs.writeFile(path.join(fx.corpusDir, "bild.xyz"), "okänt format");
    await fs.rm(path.join(fx.corpusDir, "tolk.txt"));
    const status = async (s: DocumentStatus) => (await list(`?status=${s}`)).documents.map((d) => d.source).sort();
    expect(await status("changed")).toEqual(["orosanmalan.md"]);
    expect(await status("removed")).toEqual(["tolk.txt"]);
    expect(await status("new")).toEqual(["ny-rutin.md", "trasig.pdf"]);
    const failed = (await list("?status=failed")).documents;
    expect(failed.map((d) => [d.source, d.error])).toEqual([["bild.xyz", "Filformatet stöds inte."]]);

    // After a re-ingest the broken PDF is "failed" with the parser's reason; the rest is indexed again.
    const res = await fx.admin("/api/admin/reindex?confirm=true", { method: "POST" });
    expect(res.status).toBe(202);
    await fx.waitForJob(((await res.json()) as { jobId: string }).jobId);
    const after = await list();
    expect(after.statusCounts).toMatchObject({ changed: 0, new: 0, removed: 0, failed: 2 });
    const pdf = after.documents.find((d) => d.source === "trasig.pdf")!;
    expect(pdf.status).toBe("failed");
    expect(pdf.error).toMatch(/\S/);
    expect(after.documents.find((d) => d.source === "orosanmalan.md")!.status).toBe("indexed");
  });

  it("with CORPUS_DIR pointing at another folder, the index's documents are not labelled removed", async () => {
    const other = path.join(fx.dir, "annan-korpus");
    await fs.mkdir(other, { recursive: true });
    await fs.copyFile(path.join(FIXTURE_CORPUS, "tolk.txt"), path.join(other, "tolk.txt"));
    const config = { ...fx.config, corpusDir: other };
    const app = createApp({ config, answers: fx.holder.current, log: () => {}, stores: fx.backend.stores, jobs: fx.backend.jobs, ingest: ingestFunctions });
    const res = await app.request("/api/admin/documents", { headers: { authorization: `Bearer ${fx.config.adminToken}` } });
    const body = (await res.json()) as ListBody & { corpus: { mismatch: string | null } };
    expect(body.corpus.mismatch).toMatch(/annan-korpus/);
    expect(body.statusCounts.removed).toBe(0);
    expect(body.statusCounts.indexed).toBe(fx.holder.current().index.manifest.documents.length);
  });
});

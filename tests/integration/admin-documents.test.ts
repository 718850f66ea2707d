import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { AdminDocument } from "../../src/admin/documents.js";
import { buildAdminApp, uploadForm, type AdminApp } from "../helpers/admin-app.js";

let fx: AdminApp;
beforeAll(async () => {
  fx = await buildAdminApp({ MAX_UPLOAD_BYTES: String(200 * 1024) });
});
afterAll(async () => fx?.cleanup());

type ErrorBody = { error: { code: string; message: string }; duplicateOf?: string; jobId?: string };

const NYCKEL_MD = `# Nyckelhantering på boendet

## Kvittering
Personal som kvitterar ut huvudnyckeln ska signera nyckelkvittensen i den gröna pärmen på expeditionen.

## Förlorad nyckel
Förlorad nyckel anmäls samma dag till enhetschefen, som beslutar om låsbyte.
`;

async function documents(): Promise<AdminDocument[]> {
  const res = await fx.admin("/api/admin/documents");
  expect(res.status).toBe(200);
  return ((await res.json()) as { documents: AdminDocument[] }).documents;
}

/** Names of all files under the corpus and its parent (to prove nothing was written outside). */
async function snapshot(): Promise<string[]> {
  const list = await fs.readdir(fx.dir, { recursive: true });
  return list.filter((f) => !f.startsWith("index") && !f.startsWith("data")).sort();
}

async function upload(files: Parameters<typeof uploadForm>[0], fields: Record<string, string> = {}): Promise<Response> {
  return fx.admin("/api/admin/documents", { method: "POST", body: uploadForm(files, fields) });
}

describe("GET /api/admin/documents", () => {
  it("lists every document with its metadata, counts and overdue flag", async () => {
    const docs = await documents();
    const indexed = docs.filter((d) => d.indexed);
    expect(indexed.length).toBe(fx.holder.current().index.manifest.documents.length);
    const eb = docs.find((d) => d.source === "ekonomiskt-bistand.pdf")!;
    expect(eb).toMatchObject({
      title: "Ekonomiskt bistånd – handläggning",
      format: "pdf",
      owner: "Enhetschef försörjningsstöd",
      version: "1.4",
      reviewBy: "2024-03-31",
      collection: "ekonomiskt-bistand",
      overdue: true,
      inCorpus: true,
    });
    expect(eb.pages).toBeGreaterThan(0);
    expect(eb.chunks).toBeGreaterThan(0);
    expect(Date.parse(eb.ingestedAt!)).not.toBeNaN();
    expect(docs.find((d) => d.source === "gemensamt/sekretess.html")!.collection).toBe("gemensamt");
    const body = (await (await fx.admin("/api/admin/documents")).json()) as { overdue: string[] };
    expect(body.overdue).toContain(eb.id);
  });
});

describe("POST /api/admin/documents", () => {
  it("adds a document with sidecar metadata; once the job succeeds it is answered from", async () => {
    const before = await fx.ask("Var signerar personalen nyckelkvittensen för huvudnyckeln?");
    expect(before.citations.some((c) => c.source === "nyckelhantering.md")).toBe(false);

    const res = await upload([{ name: "nyckelhantering.md", content: NYCKEL_MD }], { owner: "Enhetschef boende", reviewBy: "2027-01-31", version: "1" });
    expect(res.status).toBe(202);
    const { jobId, files } = (await res.json()) as { jobId: string; files: { source: string; replaced: boolean }[] };
    expect(files).toEqual([expect.objectContaining({ source: "nyckelhantering.md", replaced: false })]);
    const job = await fx.waitForJob(jobId);
    expect(job.status).toBe("succeeded");
    expect(job.results.find((r) => r.source === "nyckelhantering.md")).toMatchObject({ status: "ingested", error: null });

    const sidecar = parseYaml(await fs.readFile(path.join(fx.corpusDir, "nyckelhantering.md.meta.yml"), "utf8")) as Record<string, string>;
    expect(sidecar).toEqual({ owner: "Enhetschef boende", version: "1", reviewBy: "2027-01-31" });
    const after = await fx.ask("Var signerar personalen nyckelkvittensen för huvudnyckeln?");
    expect(after.citations[0]?.source).toBe("nyckelhantering.md");
    const doc = (await documents()).find((d) => d.source === "nyckelhantering.md")!;
    expect(doc).toMatchObject({ owner: "Enhetschef boende", reviewBy: "2027-01-31", overdue: false, indexed: true });
  });

  it("refuses a corrupt PDF with its reason and leaves corpus and index untouched", async () => {
    const files = await snapshot();
    const version = fx.holder.current().index.manifest.version;
    const res = await upload([{ name: "rutin.pdf", content: await fs.readFile(path.resolve("tests/fixtures/files/trasig.pdf")) }]);
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("corrupt");
    expect(body.error.message).toMatch(/rutin\.pdf/);
    // A text file named .pdf is refused too.
    const fake = await upload([{ name: "rutin2.pdf", content: "Det här är ingen PDF." }]);
    expect(fake.status).toBe(422);
    expect(((await fake.json()) as ErrorBody).error.message).toMatch(/inte en PDF/);
    expect(await snapshot()).toEqual(files);
    expect(fx.holder.current().index.manifest.version).toBe(version);
    expect(await fx.backend.jobs.active()).toBeNull();
  });

  it("refuses an unsupported file type (415) and an empty upload (400)", async () => {
    const files = await snapshot();
    const res = await upload([{ name: "okant.xyz", content: "hej" }]);
    expect(res.status).toBe(415);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/\.xyz.*stöds inte/);
    const empty = await fx.admin("/api/admin/documents", { method: "POST", body: new FormData() });
    expect(empty.status).toBe(400);
    const sidecarName = await upload([{ name: "tolk.txt.meta.yml", content: "title: x" }]);
    expect(sidecarName.status).toBeGreaterThanOrEqual(400);
    expect(await snapshot()).toEqual(files);
  });

  it("never writes outside the corpus folder, whatever the file name", async () => {
    for (const name of ["../../etc/x.md", "..\\x.md", "/tmp/abs.md", "..%2Fy.md"]) {
      const res = await upload([{ name, content: `# Rutin ${name}\n\nEn unik mening om ${name.length} saker och ting.\n` }]);
      expect(res.status, name).toBe(202);
      const { jobId, files } = (await res.json()) as { jobId: string; files: { source: string }[] };
      expect(files[0]!.source).not.toMatch(/\.\.|\/|\\/);
      await fx.waitForJob(jobId);
    }
    expect(existsSync(path.join(fx.dir, "..", "etc", "x.md"))).toBe(false);
    expect(existsSync(path.join(fx.dir, "x.md"))).toBe(false);
    expect(existsSync(path.join(path.dirname(fx.dir), "x.md"))).toBe(false);
    expect(existsSync("/tmp/abs.md")).toBe(false);
    expect(existsSync(path.join(fx.corpusDir, "x.md"))).toBe(true);
    // A target folder with ".." is confined as well.
    const res = await upload([{ name: "mapp.md", content: "# Mapp\n\nEn rutin i en undermapp om kaffebryggaren.\n" }], { folder: "../../utanfor" });
    expect(res.status).toBe(202);
    const { jobId, files } = (await res.json()) as { jobId: string; files: { source: string }[] };
    expect(files[0]!.source).toBe("utanfor/mapp.md");
    await fx.waitForJob(jobId);
    expect(existsSync(path.join(fx.corpusDir, "utanfor", "mapp.md"))).toBe(true);
  });

  it("reports an identical upload instead of duplicating it", async () => {
    const files = await snapshot();
    const same = await fs.readFile(path.join(fx.corpusDir, "tolk.txt"));
    const res = await upload([{ name: "tolk-kopia.txt", content: same }]);
    expect(res.status).toBe(409);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("duplicate");
    expect(body.duplicateOf).toBe("tolk.txt");
    expect(await snapshot()).toEqual(files);
  });

  it("answers 413 for an upload over MAX_UPLOAD_BYTES", async () => {
    const files = await snapshot();
    const big = "Rutinen säger att allt ska dokumenteras. ".repeat(Math.ceil((260 * 1024) / 40));
    const res = await upload([{ name: "stor.txt", content: big }]);
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe("payload_too_large");
    // Just under the body limit but over the file limit in total.
    const two = "x ".repeat(55 * 1024);
    const res2 = await upload([{ name: "a.txt", content: `Första rutinen. ${two}` }, { name: "b.txt", content: `Andra rutinen. ${two}` }]);
    expect(res2.status).toBe(413);
    // Far over the limit: refused by the request body limit before the files are read.
    const huge = await upload([{ name: "enorm.txt", content: "a ".repeat(400 * 1024) }]);
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as ErrorBody).error.message).toMatch(/för stor/);
    expect(await snapshot()).toEqual(files);
  });
});

describe("DELETE and PATCH /api/admin/documents/:id", () => {
  it("a deleted document is never cited, retrieved or served again once its job succeeds", async () => {
    const question = "Hur lång tid före mötet måste en tolk avbokas?";
    const before = await fx.ask(question);
    const tolk = before.citations.find((c) => c.source === "tolk.txt");
    expect(tolk, "the question is answered from tolk.txt").toBeDefined();
    expect((await fx.app.request(`/api/sources/${tolk!.chunkId}`)).status).toBe(200);

    const res = await fx.admin(`/api/admin/documents/${tolk!.documentId}`, { method: "DELETE" });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    expect(existsSync(path.join(fx.corpusDir, "tolk.txt"))).toBe(false);
    expect(existsSync(path.join(fx.corpusDir, "tolk.txt.meta.yml"))).toBe(false);
    expect((await fx.waitForJob(jobId)).status).toBe("succeeded");

    const after = await fx.ask(question);
    expect(after.citations.map((c) => c.documentId)).not.toContain(tolk!.documentId);
    expect(after.retrieved!.map((r) => r.documentId)).not.toContain(tolk!.documentId);
    expect(after.answer).not.toMatch(/24 timmar/);
    expect((await fx.app.request(`/api/sources/${tolk!.chunkId}`)).status).toBe(404);
    expect((await fx.app.request(`/api/documents/${tolk!.documentId}/file`)).status).toBe(404);
    expect((await documents()).some((d) => d.id === tolk!.documentId)).toBe(false);
    expect((await fx.admin(`/api/admin/documents/${tolk!.documentId}`, { method: "DELETE" })).status).toBe(404);
  });

  it("edits metadata in the sidecar; clearing a field removes it from the index", async () => {
    const eb = (await documents()).find((d) => d.source === "ekonomiskt-bistand.pdf")!;
    const res = await fx.admin(`/api/admin/documents/${eb.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reviewBy: "2030-12-31", owner: "Ny ägare", collection: null }),
    });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    expect((await fx.waitForJob(jobId)).status).toBe("succeeded");
    const sidecar = parseYaml(await fs.readFile(path.join(fx.corpusDir, "ekonomiskt-bistand.pdf.meta.yml"), "utf8")) as Record<string, string>;
    expect(sidecar).toEqual({ title: "Ekonomiskt bistånd – handläggning", owner: "Ny ägare", version: "1.4", reviewBy: "2030-12-31" });
    const updated = (await documents()).find((d) => d.id === eb.id)!;
    expect(updated).toMatchObject({ reviewBy: "2030-12-31", owner: "Ny ägare", overdue: false, collection: "allmänt" });
    // Answers citing it no longer carry the review notice.
    const a = await fx.ask("Vem beslutar om ekonomiskt bistånd?");
    expect(a.notices.join(" ")).not.toMatch(/Ekonomiskt bistånd – handläggning/);

    const bad = await fx.admin(`/api/admin/documents/${eb.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ reviewBy: "snart" }) });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ErrorBody).error.message).toMatch(/ÅÅÅÅ-MM-DD/);
    const unknown = await fx.admin(`/api/admin/documents/${eb.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ color: "blå" }) });
    expect(unknown.status).toBe(400);
    const missing = await fx.admin("/api/admin/documents/dfinnsinte", { method: "PATCH", headers: { "content-type": "application/json" }, body: "{}" });
    expect(missing.status).toBe(404);
  });

  it("keeps an audit entry for every change", async () => {
    const { entries } = (await (await fx.admin("/api/admin/audit")).json()) as { entries: { actor: string; action: string; target: string; result: string }[] };
    const actions = entries.map((e) => `${e.action} ${e.result.split(" ")[0]}`);
    expect(actions).toContain("ladda upp ok");
    expect(actions).toContain("ladda upp nekad");
    expect(actions).toContain("ta bort ok");
    expect(actions).toContain("ändra metadata ok");
    expect(actions).toContain("jobb klart ok");
    expect(entries.find((e) => e.action === "ta bort" && e.result === "ok")!.target).toMatch(/tolk\.txt/);
    expect(entries.every((e) => e.actor === "admin")).toBe(true);
  });
});

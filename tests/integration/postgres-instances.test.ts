/**
 * Two instances on one database: a re-ingest (and a deletion) done through
 * instance A's admin API reaches instance B by LISTEN/NOTIFY, without a
 * restart, and a deleted document is then never cited by either.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/schemas.js";
import type { Config } from "../../src/config/env.js";
import { createApp } from "../../src/server/app.js";
import { createIndexHolder, type IndexHolder } from "../../src/lifecycle/index-holder.js";
import { buildAdminApp, type AdminApp } from "../helpers/admin-app.js";
import { postJson, tempDir, testConfig } from "../helpers/fixture-index.js";
import { startTestPostgres } from "../helpers/postgres.js";

const db = await startTestPostgres();

const NYCKEL_MD = `# Nyckelhantering på boendet

## Kvittering
Personal som kvitterar ut huvudnyckeln ska signera nyckelkvittensen i den gröna pärmen på expeditionen.

## Förlorad nyckel
Förlorad nyckel anmäls samma dag till enhetschefen, som beslutar om låsbyte.
`;

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.skipIf(!db.url)(`two instances on one PostgreSQL database${db.url ? "" : ` (hoppas över: ${db.reason})`}`, () => {
  let a: AdminApp;
  let bDir: string;
  let bConfig: Config;
  let b: IndexHolder;
  let bApp: ReturnType<typeof createApp>;
  const errors: unknown[] = [];

  beforeAll(async () => {
    a = await buildAdminApp({ STORE: "postgres", DATABASE_URL: db.url! });
    // Instance B shares only the database: its own data dir, pool and listener, and no corpus of its own.
    bDir = await tempDir("rutinsvar-pg-b-");
    bConfig = testConfig({ STORE: "postgres", DATABASE_URL: db.url!, DATA_DIR: bDir, INDEX_DIR: path.join(bDir, "index"), CORPUS_DIR: path.join(bDir, "none") });
    b = await createIndexHolder(bConfig, undefined, { log: (_m, err) => errors.push(err) });
    bApp = createApp({ config: bConfig, answers: b.current, log: () => {} });
  });
  afterAll(async () => {
    await b?.close();
    await a?.holder.close();
    await a?.cleanup();
    if (bDir) await fs.rm(bDir, { recursive: true, force: true });
    await db.stop();
  });

  const askB = async (question: string): Promise<Answer> => {
    const res = await postJson(bApp, "/api/ask", { question, options: { includeRetrieved: true } });
    expect(res.status).toBe(200);
    return (await res.json()) as Answer;
  };

  it("both start from the same current version", () => {
    expect(b.current().index.manifest.version).toBe(a.holder.current().index.manifest.version);
  });

  it("a document added and re-indexed through A is answered by B without a restart", async () => {
    const question = "Var signerar man nyckelkvittensen?";
    expect((await askB(question)).citations.some((c) => c.source === "nyckelhantering.md")).toBe(false);
    const before = b.current();

    await fs.writeFile(path.join(a.corpusDir, "nyckelhantering.md"), NYCKEL_MD);
    const res = await a.admin("/api/admin/reindex", { method: "POST" });
    expect(res.status).toBe(202);
    const job = await a.waitForJob(((await res.json()) as { jobId: string }).jobId);
    expect(job.status).toBe("succeeded");
    const version = a.holder.current().index.manifest.version;

    await until("B swaps to A's new version", () => b.current().index.manifest.version === version);
    expect(b.current()).not.toBe(before);
    const answer = await askB(question);
    expect(answer.abstained).toBe(false);
    expect(answer.citations.some((c) => c.source === "nyckelhantering.md")).toBe(true);
    expect(answer.answer).toContain("gröna pärmen");
    // B fetched the new original file from the database, not from A's corpus folder.
    const doc = b.current().index.manifest.documents.find((d) => d.source === "nyckelhantering.md")!;
    const file = await bApp.request(`/api/documents/${doc.id}/file`);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe(NYCKEL_MD);
    expect(errors).toEqual([]);
  });

  it("a document deleted through A is never cited or served by either instance once its job succeeds", async () => {
    const question = "Hur lång tid före mötet måste en tolk avbokas?";
    const before = await askB(question);
    const tolk = before.citations.find((c) => c.source === "tolk.txt");
    expect(tolk, "the question is answered from tolk.txt").toBeDefined();

    const res = await a.admin(`/api/admin/documents/${tolk!.documentId}`, { method: "DELETE" });
    expect(res.status).toBe(202);
    const job = await a.waitForJob(((await res.json()) as { jobId: string }).jobId);
    expect(job.status).toBe("succeeded");
    const version = a.holder.current().index.manifest.version;
    await until("B swaps to the version without tolk.txt", () => b.current().index.manifest.version === version);

    for (const answer of [await askB(question), await a.ask(question)]) {
      expect(answer.citations.map((c) => c.documentId)).not.toContain(tolk!.documentId);
      expect(answer.retrieved!.map((r) => r.documentId)).not.toContain(tolk!.documentId);
    }
    expect((await bApp.request(`/api/sources/${tolk!.chunkId}`)).status).toBe(404);
    expect((await bApp.request(`/api/documents/${tolk!.documentId}/file`)).status).toBe(404);
    expect(errors).toEqual([]);
  });
});

/**
 * An app with the admin backend (stores, job runner, index holder) on
 * a temp COPY of tests/fixtures/corpus, so admin tests can add and delete
 * documents without touching the fixtures. The stores are SQLite, or the
 * PostgreSQL database of `env` when it sets STORE=postgres.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import { runIngest } from "../../ingest/pipeline.js";
import { createAdminBackend, type AdminBackend } from "../../src/admin/backend.js";
import type { Config } from "../../src/config/env.js";
import type { Answer } from "../../src/core/schemas.js";
import { createApp } from "../../src/server/app.js";
import { createIndexHolder, type IndexHolder } from "../../src/lifecycle/index-holder.js";
import type { JobRecord } from "../../src/store/ingest-jobs.js";
import { FIXTURE_CORPUS, tempDir, testConfig } from "./fixture-index.js";
import { ingestFunctions } from "../../ingest/index.js";

export const ADMIN_TOKEN = "test-admin-token-0123456789";

export interface AdminApp {
  dir: string;
  corpusDir: string;
  config: Config;
  holder: IndexHolder;
  backend: AdminBackend;
  app: ReturnType<typeof createApp>;
  /** Request with the admin token. */
  admin(url: string, init?: RequestInit): Promise<Response>;
  ask(question: string): Promise<Answer>;
  /** Polls GET /api/admin/jobs/:id until the job has finished. */
  waitForJob(jobId: string, timeoutMs?: number): Promise<JobRecord>;
  cleanup(): Promise<void>;
}

export async function buildAdminApp(env: Record<string, string> = {}): Promise<AdminApp> {
  const dir = await tempDir("rutinsvar-admin-");
  const corpusDir = path.join(dir, "corpus");
  await fs.cp(FIXTURE_CORPUS, corpusDir, { recursive: true });
  const config = testConfig({ INDEX_DIR: path.join(dir, "index"), CORPUS_DIR: corpusDir, DATA_DIR: path.join(dir, "data"), ADMIN_TOKEN, ...env });
  await runIngest({ corpusDir, indexDir: config.indexDir, config });
  const holder = await createIndexHolder(config);
  const backend = await createAdminBackend(config, holder, () => {}, ingestFunctions);
  // Wired like src/main.ts, question log included.
  const app = createApp({ config, answers: holder.current, log: () => {}, stores: backend.stores, jobs: backend.jobs, ingest: ingestFunctions, questions: backend.stores.questions });

  const admin = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (!headers.has("authorization")) headers.set("authorization", `Bearer ${ADMIN_TOKEN}`);
    return app.request(url, { ...init, headers });
  };
  return {
    dir,
    corpusDir,
    config,
    holder,
    backend,
    app,
    admin,
    async ask(question) {
      const res = await app.request("/api/ask", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ question, options: { includeRetrieved: true } }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as Answer;
    },
    async waitForJob(jobId, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const res = await admin(`/api/admin/jobs/${jobId}`);
        expect(res.status).toBe(200);
        const job = (await res.json()) as JobRecord;
        if (job.status === "succeeded" || job.status === "failed") return job;
        if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish: ${JSON.stringify(job)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async cleanup() {
      await backend.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** A multipart body with one or more files in field `file` plus text fields. */
export function uploadForm(files: { name: string; content: string | Uint8Array; type?: string }[], fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const f of files) form.append("file", new Blob([typeof f.content === "string" ? f.content : new Uint8Array(f.content)], { type: f.type ?? "application/octet-stream" }), f.name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

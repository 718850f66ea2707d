/**
 * Builds a real index of tests/fixtures/corpus in a temp dir (once per test
 * file) and the app around it, so integration tests exercise the same code
 * path as `npm start`.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig, type Config } from "../../src/config/env.js";
import { runIngest, type IngestSummary } from "../../ingest/pipeline.js";
import { openAnswerService } from "../../src/runtime.js";
import { createApp } from "../../src/server/app.js";
import type { AnswerService } from "../../src/query/answer.js";

export const FIXTURE_CORPUS = path.resolve("tests/fixtures/corpus");

export async function tempDir(prefix = "rutinsvar-"): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", ...overrides });
}

export interface FixtureApp {
  config: Config;
  indexDir: string;
  summary: IngestSummary;
  service: AnswerService;
  app: ReturnType<typeof createApp>;
  cleanup: () => Promise<void>;
}

/**
 * @param options.env extra settings (e.g. LLM_PROVIDER, LLM_BASE_URL) applied
 *   to both the ingest and the served app.
 */
export async function buildFixtureApp(corpusDir = FIXTURE_CORPUS, options: { env?: Record<string, string> } = {}): Promise<FixtureApp> {
  const dir = await tempDir();
  const indexDir = path.join(dir, "index");
  const config = testConfig({ ...options.env, INDEX_DIR: indexDir, CORPUS_DIR: corpusDir, DATA_DIR: dir });
  const summary = await runIngest({ corpusDir, indexDir, config });
  const service = await openAnswerService(config);
  const app = createApp({ config, answers: () => service, log: () => {} });
  return { config, indexDir, summary, service, app, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

export async function postJson(app: FixtureApp["app"], url: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
}

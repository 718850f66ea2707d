/**
 * Builds a real index of tests/fixtures/corpus in a temp dir (once per test
 * file) and the app around it, so integration tests exercise the same code
 * path as `npm start`.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { loadConfig, type Config } from "../../src/config/env.js";
import { runIngest, type IngestSummary } from "../../ingest/pipeline.js";
import { openAnswerService } from "../../src/lifecycle/open-answer-service.js";
import { createApp } from "../../src/server/app.js";
import type { AnswerService } from "../../src/query/answer.js";

export const FIXTURE_CORPUS = path.resolve("tests/fixtures/corpus");

/** Staff questions over the fixture corpus that another store or search backend must answer exactly like the file store. */
export const PARITY_QUESTIONS = [
  "Hur lång tid får handläggningen av EB ta?",
  "Vad säger orosanmälningsrutinen om skyddsbedömning?",
  "Hur anmäler jag oro för ett barn?",
  "Får barnets anhöriga tolka?",
  "Hur bokar man en tolk?",
  "Vem får besluta om bistånd enligt delegationsordningen?",
  "Vad gäller för ansökan, beslut och handläggning?",
] as const;

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
 *   to both the ingest and the served app; STORE=postgres with DATABASE_URL
 *   builds the same index in that database instead.
 */
export async function buildFixtureApp(corpusDir = FIXTURE_CORPUS, options: { env?: Record<string, string> } = {}): Promise<FixtureApp> {
  const dir = await tempDir();
  const indexDir = path.join(dir, "index");
  const config = testConfig({ ...options.env, INDEX_DIR: indexDir, CORPUS_DIR: corpusDir, DATA_DIR: dir });
  const summary = await runIngest({ corpusDir, indexDir, config });
  const service = await openAnswerService(config);
  const app = createApp({ config, answers: () => service, log: () => {} });
  const cleanup = async () => {
    await service.close?.();
    await fs.rm(dir, { recursive: true, force: true });
  };
  return { config, indexDir, summary, service, app, cleanup };
}

/** A store the shared suites run against: the file store always, PostgreSQL when it can be started. */
export interface SuiteStore {
  name: "files" | "postgres";
  /** Settings that select the store; null when it is unavailable here. */
  env: Record<string, string> | null;
  /** Why the store is skipped. */
  reason?: string;
  stop(): Promise<void>;
}

/** The stores to run a suite against (may start a throwaway PostgreSQL). */
async function suiteStores(): Promise<SuiteStore[]> {
  const { startTestPostgres } = await import("./postgres.js");
  const db = await startTestPostgres();
  return [
    { name: "files", env: {}, stop: async () => {} },
    { name: "postgres", env: db.url ? { STORE: "postgres", DATABASE_URL: db.url } : null, ...(db.reason ? { reason: db.reason } : {}), stop: () => db.stop() },
  ];
}

/**
 * Runs `suite` once per store: the file store, and PostgreSQL where it can be
 * started (skipped with the reason otherwise). Await it at the top level of a
 * test file; the throwaway server is stopped after the file's tests.
 */
export async function describeEachStore(title: string, suite: (store: SuiteStore) => void): Promise<void> {
  const stores = await suiteStores();
  afterAll(async () => {
    for (const s of stores) await s.stop();
  });
  for (const store of stores) {
    describe.skipIf(!store.env)(`${title}, STORE=${store.name}${store.env ? "" : ` (hoppas över: ${store.reason})`}`, () => suite(store));
  }
}

/** The fixture app on `store`, built once for the enclosing describe; call the getter inside tests. */
export function useFixtureApp(store: SuiteStore): () => FixtureApp {
  let fx: FixtureApp | undefined;
  beforeAll(async () => {
    fx = await buildFixtureApp(undefined, { env: store.env ?? {} });
  });
  afterAll(async () => fx?.cleanup());
  return () => fx!;
}

export async function postJson(app: FixtureApp["app"], url: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
}

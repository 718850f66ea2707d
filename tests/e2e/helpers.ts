/**
 * Shared plumbing for the browser tests: the server under test, the browser,
 * and an axe-core scan. Swap `startServer()` for the real server over a
 * fixture index; the tests only rely on `scenario` questions behaving as
 * described there.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import fs from "node:fs/promises";
import path from "node:path";
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { runIngest } from "../../ingest/pipeline.js";
import { loadConfig } from "../../src/config/env.js";
import { openAnswerService } from "../../src/lifecycle/open-answer-service.js";
import { createApp } from "../../src/server/app.js";
import { openStores } from "../../src/store/index.js";
import { FIXTURE_CORPUS, tempDir } from "../helpers/fixture-index.js";

export interface TestServer {
  baseUrl: string;
  close: () => Promise<void>;
}

/**
 * Questions the tests ask. With the real server they must keep these
 * properties: `question` gets a cited answer with at least one citation
 * (and a review-date notice), `followUp` is answerable only as a follow-up
 * with a citation, `abstain` makes the service abstain, `pii` triggers
 * the personal-data warning.
 */
export const scenario = {
  question: "Hur gör jag en orosanmälan?",
  followUp: "Och vem tar emot den efter kontorstid?",
  abstain: "Hur söker man parkeringstillstånd för rörelsehindrade?",
  pii: "Ska jag anmäla oro för barnet med personnummer 120101-1234?",
} as const;

/**
 * Starts the real server over a fresh index of the fixture corpus, on a
 * random loopback port. "Today" is fixed after the fixture routine's
 * review-by date, so answers citing it carry the review notice.
 */
export async function startServer(): Promise<TestServer> {
  const dir = await tempDir("rutinsvar-e2e-");
  const indexDir = path.join(dir, "index");
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", INDEX_DIR: indexDir, DATA_DIR: dir, CORPUS_DIR: FIXTURE_CORPUS });
  await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir, config });
  const service = await openAnswerService(config, indexDir, { today: () => "2027-06-01" });
  const stores = await openStores(config);
  const app = createApp({ config, answers: () => service, log: () => {}, stores });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stores.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

const CHROMIUM_PATH = "/usr/bin/chromium";

/** Launches the system Chromium headless; the test is skipped when it is missing. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export const hasChromium = (): boolean => existsSync(CHROMIUM_PATH);

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** Runs axe-core on the page (WCAG 2.x A/AA plus best practices) and returns the violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/** Human-readable summary for assertion messages. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => JSON.stringify(n.target)).join("\n  ")}`).join("\n");
}

/** Types a question into the chat, sends it with Enter and waits until the answer is complete; returns its turn. */
export async function askInChat(page: Page, question: string): Promise<ReturnType<Page["locator"]>> {
  const before = await page.locator(".turn").count();
  await page.locator("#question").fill(question);
  await page.locator("#question").press("Enter");
  const turn = page.locator(".turn").nth(before);
  await turn.locator('.answer-body[aria-busy="false"]').waitFor();
  return turn;
}

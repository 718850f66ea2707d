/**
 * The admin page in a real browser against the real server: sign in with the
 * admin token, see documents and overdue routines, start a re-ingest and see
 * it finish; zero axe-core violations before and after signing in.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest } from "../../ingest/pipeline.js";
import { createAdminBackend } from "../../src/admin/backend.js";
import { loadConfig } from "../../src/config/env.js";
import { createApp } from "../../src/server/app.js";
import { createIndexHolder } from "../../src/lifecycle/index-holder.js";
import { FIXTURE_CORPUS, tempDir } from "../helpers/fixture-index.js";
import { describeViolations, hasChromium, launchBrowser, runAxe } from "./helpers.js";
import { ingestFunctions } from "../../ingest/index.js";

const TOKEN = "e2e-admin-token-0123456789";
if (!hasChromium()) console.warn("admin browser tests skipped: /usr/bin/chromium not installed (apt-get install -y chromium)");

describe.skipIf(!hasChromium())("admin page in a browser", () => {
  let dir: string;
  let baseUrl: string;
  let close: () => Promise<void>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = await tempDir("rutinsvar-admin-e2e-");
    const corpus = path.join(dir, "corpus");
    await fs.cp(FIXTURE_CORPUS, corpus, { recursive: true });
    const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", CORPUS_DIR: corpus, INDEX_DIR: path.join(dir, "index"), DATA_DIR: dir, ADMIN_TOKEN: TOKEN });
    await runIngest({ corpusDir: corpus, indexDir: config.indexDir, config });
    const holder = await createIndexHolder(config);
    const backend = await createAdminBackend(config, holder, () => {}, ingestFunctions);
    const app = createApp({ config, answers: holder.current, log: () => {}, stores: backend.stores, jobs: backend.jobs, ingest: ingestFunctions });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
    };
    browser = await launchBrowser();
    // axe-core is injected as an inline script, which the production CSP rightly blocks.
    page = await (await browser.newContext({ bypassCSP: true })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await close?.();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it("has no axe violations on the sign-in view", async () => {
    await page.goto(`${baseUrl}/admin`);
    await expect.poll(() => page.locator("#sign-in").isVisible()).toBe(true);
    const violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("refuses a wrong token with a message, then signs in and lists documents and overdue routines", async () => {
    await page.fill("#token", "fel-token-fel-token");
    await page.click("#sign-in-form button[type=submit]");
    await expect.poll(() => page.locator("#alert").textContent(), { timeout: 10_000 }).toMatch(/\S/);
    await page.fill("#token", TOKEN);
    await page.click("#sign-in-form button[type=submit]");
    await expect.poll(() => page.locator("#admin-content").isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.locator("#documents-list > li").count(), { timeout: 10_000 }).toBeGreaterThan(3);
    // The fixture's PDF routine had to be revised by 2024-03-31.
    await expect.poll(() => page.locator("#overdue-list").textContent()).toMatch(/2024-03-31/);
    const violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("starts a re-ingest and shows it finishing", async () => {
    await expect.poll(() => page.locator("#job-result").textContent()).not.toMatch(/Klart:/);
    await page.click("#reindex");
    await expect.poll(() => page.locator("#job-result").textContent(), { timeout: 60_000 }).toMatch(/Klart: \d+ fil\(er\) inlästa, \d+ oförändrade, 0 misslyckades/);
  });
});

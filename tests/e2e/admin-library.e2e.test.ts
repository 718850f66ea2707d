/**
 * The admin page over a library-sized corpus in a real browser (Chromium):
 * the server pages the list, the search box, unit and status filters narrow
 * it, owner / updated / valid-until show per document, and the page has no
 * horizontal scrolling at 390 px (phone) and 1,280 px (laptop). Screenshots
 * go to /tmp/rutinsvar-admin-*.png for a person to look at.
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
import { tempDir } from "../helpers/fixture-index.js";
import { describeViolations, hasChromium, launchBrowser, runAxe } from "./helpers.js";
import { ingestFunctions } from "../../ingest/index.js";

const TOKEN = "e2e-admin-token-library-0123";
const UNITS = ["Hemtjänst", "Korttidsvistelse för unga (LSS)", "Hälso- och sjukvård", "Ledsagning, Avlösning och Kontaktperson"];
const PER_UNIT = 40;

/** A routine with a control block like the municipality's (owner, adopted, updated, valid until). */
function routine(unit: string, i: number): string {
  const month = String((i % 12) + 1).padStart(2, "0");
  return [
    "Vård- och omsorgsförvaltningen",
    `Dokumentet är beslutat av: verksamhetschef ${unit.toLowerCase()}`,
    `Dokumentet beslutades den: 2023-${month}-01`,
    "",
    i % 3 === 0 ? "Dokumentet gäller tillsvidare" : `Dokumentet gäller till: 2027-${month}-15`,
    `Dokumentet uppdaterat den: 2024-${month}-${String((i % 27) + 1).padStart(2, "0")}`,
    `Dokumentansvarig är: Enhetschef ${unit.toLowerCase()} område ${i % 5}`,
    "",
    `# Rutin för hantering av ärendetyp nummer ${i} inom ${unit}`,
    "",
    "## Syfte",
    `Rutinen beskriver hur personalen inom ${unit} hanterar ärendetyp ${i}, med dokumentation i verksamhetssystemet samma dag.`,
    "",
    "## Ansvar",
    "Enhetschefen ansvarar för att rutinen är känd av all personal och följs upp vid arbetsplatsträffar.",
  ].join("\n");
}

if (!hasChromium()) console.warn("admin library browser tests skipped: /usr/bin/chromium not installed (apt-get install -y chromium)");

describe.skipIf(!hasChromium())("admin page over a library", () => {
  let dir: string;
  let baseUrl: string;
  let close: () => Promise<void>;
  let browser: Browser;
  let page: Page;
  const total = UNITS.length * PER_UNIT;

  beforeAll(async () => {
    dir = await tempDir("rutinsvar-admin-library-");
    const corpus = path.join(dir, "corpus");
    for (const unit of UNITS) {
      await fs.mkdir(path.join(corpus, unit), { recursive: true });
      for (let i = 0; i < PER_UNIT; i++) {
        const name = i === 7 ? "Fallrutin – långt filnamn utan mellanrum_Rutinförhandsgodkännandeavbeställningsförfarandet.md" : `Rutin ${String(i).padStart(3, "0")} ${unit}.md`;
        await fs.writeFile(path.join(corpus, unit, name), routine(unit, i));
      }
    }
    const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", CORPUS_DIR: corpus, INDEX_DIR: path.join(dir, "index"), DATA_DIR: dir, ADMIN_TOKEN: TOKEN });
    await runIngest({ corpusDir: corpus, indexDir: config.indexDir, config });
    // One routine changed and one added on disk after the index was built.
    await fs.appendFile(path.join(corpus, UNITS[0]!, "Rutin 001 Hemtjänst.md"), "\n\nTillägg: ny punkt om nyckelkvittens.\n");
    await fs.writeFile(path.join(corpus, UNITS[1]!, "Ny rutin för korttidsvistelse.md"), routine(UNITS[1]!, 999));
    const holder = await createIndexHolder(config);
    const backend = await createAdminBackend(config, holder, () => {}, ingestFunctions);
    // Served with CORPUS_DIR pointing elsewhere (the reported set-up): the corpus-mismatch warning with its long
    // folder paths is on the page, and the statuses still come from the index's own folder.
    const mismatched = { ...config, corpusDir: path.join(dir, "annanKorpusmapp_medEttLangtNamnUtanBindestreck", "corpus") };
    const app = createApp({ config: mismatched, answers: holder.current, log: () => {}, stores: backend.stores, jobs: backend.jobs, ingest: ingestFunctions });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
    };
    browser = await launchBrowser();
    page = await (await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } })).newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  /** The page's widths and, for the assertion message, the elements that stick out on the right. */
  const overflow = () =>
    page.evaluate(() => {
      const clientWidth = document.documentElement.clientWidth;
      const wide = Array.from(document.querySelectorAll("body *"))
        .filter((e) => e.getBoundingClientRect().right > clientWidth + 0.5 && !e.closest(".table-wrap"))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`);
      return { scrollWidth: document.documentElement.scrollWidth, clientWidth, wide };
    });

  it("shows one page of the library with the total, owner, updated and valid-until", async () => {
    await page.goto(`${baseUrl}/admin`);
    await page.fill("#token", TOKEN);
    await page.click("#sign-in-form button[type=submit]");
    await expect.poll(() => page.locator("#documents-list > li").count(), { timeout: 20_000 }).toBe(25);
    await expect.poll(() => page.locator("#documents-summary").textContent()).toBe(`Visar 1–25 av ${total + 1} dokument.`);
    await expect.poll(() => page.locator("#corpus-warning").textContent()).toMatch(/annanKorpusmapp_medEttLangtNamnUtanBindestreck/);
    await expect.poll(() => page.locator("#doc-status").textContent()).toMatch(/Borttagna från mappen \(0\)/);
    const first = page.locator("#documents-list > li").first();
    await expect.poll(() => first.textContent()).toMatch(/Ägare.*Enhetschef hemtjänst område \d/);
    await expect.poll(() => first.textContent()).toMatch(/Uppdaterad\s*2024-\d\d-\d\d/);
    await expect.poll(() => first.textContent()).toMatch(/Giltig till\s*(tillsvidare|2027-\d\d-15)/);
    await page.click("#doc-next");
    await expect.poll(() => page.locator("#documents-summary").textContent()).toBe(`Visar 26–50 av ${total + 1} dokument.`);
    await expect.poll(() => page.locator("#doc-page").textContent()).toBe(`Sida 2 av ${Math.ceil((total + 1) / 25)}`);
  });

  it("searches, filters by unit and by status (changed and new on disk)", async () => {
    await page.fill("#doc-q", "rutin 012");
    await expect.poll(() => page.locator("#documents-summary").textContent()).toBe(`Visar 1–${UNITS.length} av ${UNITS.length} dokument.`);
    await page.fill("#doc-q", "");
    await page.selectOption("#doc-unit", UNITS[3]!);
    await expect.poll(() => page.locator("#documents-summary").textContent()).toBe(`Visar 1–25 av ${PER_UNIT} dokument.`);
    await page.selectOption("#doc-unit", "");
    await page.selectOption("#doc-status", "changed");
    await expect.poll(() => page.locator("#documents-list > li").allTextContents()).toEqual([expect.stringMatching(/Rutin 001 Hemtjänst.*Ändrad på disken/)]);
    await page.selectOption("#doc-status", "new");
    await expect.poll(() => page.locator("#documents-list > li").allTextContents()).toEqual([expect.stringMatching(/Ny rutin för korttidsvistelse.*Ny på disken/)]);
    await page.selectOption("#doc-status", "");
    await expect.poll(() => page.locator("#documents-summary").textContent()).toBe(`Visar 1–25 av ${total + 1} dokument.`);
    const violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  for (const width of [390, 1280]) {
    it(`has no horizontal scrolling at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 900 });
      // The long file name without spaces is on the first page of its unit.
      await page.selectOption("#doc-unit", UNITS[0]!);
      await expect.poll(() => page.locator("#documents-list").textContent()).toMatch(/Rutinförhandsgodkännande/);
      await page.evaluate(() => document.documentElement.scrollTo(0, 0));
      const { scrollWidth, clientWidth, wide } = await overflow();
      expect(scrollWidth, wide.join("\n")).toBeLessThanOrEqual(clientWidth);
      await page.screenshot({ path: `/tmp/rutinsvar-admin-${width}.png`, fullPage: false });
      await page.locator("#documents-section").scrollIntoViewIfNeeded();
      await page.evaluate(() => document.getElementById("documents-section")!.scrollIntoView({ block: "start" }));
      await page.screenshot({ path: `/tmp/rutinsvar-admin-${width}-documents.png` });
      await page.selectOption("#doc-unit", "");
    });
  }
});

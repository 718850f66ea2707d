/**
 * The chat over a library of units (issue 15 and 19), in Chromium: the unit
 * picker (remembered, sent as options.unit), citations naming their unit,
 * the other units' copies and the published original, tables as tables,
 * example questions from this library, visible Swedish messages for an empty
 * and an over-long question, and the question box in reach on a 390-px phone
 * after a long answer. Screenshots go to /tmp/rutinsvar-library-*.png.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createApp } from "../../src/server/app.js";
import { buildFixtureApp, tempDir, type FixtureApp } from "../helpers/fixture-index.js";
import { askInChat, hasChromium, launchBrowser } from "./helpers.js";

const TIMEOUT = 30_000;

const routine = (unit: string) => `---
title: "Brukare öppnar inte dörren"
source_url: "https://example.org/${encodeURIComponent(unit)}/dorr.pdf"
---

Dokumentet är beslutat av: Verksamhetschef ${unit} Dokumentet beslutades den: 2024-05-02

Dokumentet uppdaterat: 2025-01-15

Dokumentansvarig är: Verksamhetsutvecklare ${unit}

1/2
# RUTIN

## Utförande

Om brukaren inte öppnar dörren vid besöket ska du först ringa brukaren. Svarar brukaren inte kontaktar du anhöriga och därefter ansvarig chef.

2/2
## Dokumentation

Dokumentera förloppet i journalen samma dag.
`;

const checklist = `# Introduktion för nya vikarier

| Vad | Var | Att tänka på |
|---|---|---|

| Arbetskläder | Arbetskläderna finns i tvättstugan på plan 4. | Byt om före passet. |

| Nyckelskåp | Nyckelskåpet står på plan 4 mittemot förrådet. | Logga alltid in med din egen kod. |
`;

interface AskBody {
  question: string;
  options?: { unit?: string; collections?: string[] };
}

describe.skipIf(!hasChromium())("the chat over a library of units", () => {
  let fx: FixtureApp;
  let corpus: string;
  let browser: Browser;
  let baseUrl: string;
  let close: () => Promise<void>;
  const problems: string[] = [];

  beforeAll(async () => {
    corpus = await tempDir("rutinsvar-chat-units-");
    for (const unit of ["Hemtjänst", "Gruppbostad"]) {
      await fs.mkdir(path.join(corpus, unit));
      await fs.writeFile(path.join(corpus, unit, "dorr.md"), routine(unit));
    }
    await fs.writeFile(path.join(corpus, "Hemtjänst", "vikarier.md"), checklist);
    fx = await buildFixtureApp(corpus);
    const app = createApp({ config: fx.config, answers: () => fx.service, log: () => {} });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
    browser = await launchBrowser();
  }, TIMEOUT * 2);

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await fx?.cleanup();
    await fs.rm(corpus, { recursive: true, force: true });
  });

  async function open(width = 1280, height = 900) {
    const context = await browser.newContext({ viewport: { width, height }, locale: "sv-SE" });
    const page = await context.newPage();
    const asks: AskBody[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/ask") && r.method() === "POST") asks.push(r.postDataJSON() as AskBody);
    });
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("console", (msg) => {
      if (msg.type() === "error" && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`csp: ${msg.text()}`);
    });
    await page.goto(`${baseUrl}/`);
    await page.locator("#health:not(:empty)").waitFor();
    return { page, context, asks };
  }

  const ask = askInChat;

  it("lets staff pick their unit once (remembered), sends it, and cites that unit's copy with the others named", async () => {
    const { page, context, asks } = await open();
    await page.locator("#unit-picker:not([hidden])").waitFor();
    expect(await page.locator("#unit-select option").allTextContents()).toEqual(["Alla enheter", "Gruppbostad", "Hemtjänst"]);
    await page.locator("#unit-select").selectOption("Gruppbostad");
    await page.reload();
    await page.locator("#unit-picker:not([hidden])").waitFor();
    expect(await page.locator("#unit-select").inputValue()).toBe("Gruppbostad");

    const turn = await ask(page, "Brukaren öppnar inte dörren, vad gör jag?");
    expect(asks.at(-1)?.options?.unit).toBe("Gruppbostad");
    expect(asks.at(-1)?.options?.collections).toBeUndefined();
    const first = turn.locator(".source-item").first();
    expect(await first.locator(".source-unit").textContent()).toBe("Gruppbostad");
    expect(await first.locator(".source-also").textContent()).toBe("Finns även i: Hemtjänst");
    expect(await first.locator(".source-facts").textContent()).toContain("Uppdaterad 2025-01-15");
    expect(await first.locator(".source-facts").textContent()).toContain("Ansvarig: Verksamhetsutvecklare Gruppbostad");
    expect(await first.locator("a.source-original").getAttribute("href")).toBe("https://example.org/Gruppbostad/dorr.pdf");
    // The "n/m" page marker became the citation's page.
    expect(await first.locator(".source-where").textContent()).toMatch(/sid(a|an)? ?1|s\. 1/i);

    await first.locator("button.source-title").click();
    await page.locator('[data-panel-body][aria-busy="false"]').waitFor();
    const meta = await page.locator(".source-meta").textContent();
    expect(meta).toContain("Gruppbostad");
    expect(meta).toContain("Verksamhetsutvecklare Gruppbostad");
    expect(await page.locator("[data-panel-body] a", { hasText: "publicerade originalet" }).getAttribute("href")).toBe("https://example.org/Gruppbostad/dorr.pdf");
    await page.screenshot({ path: "/tmp/rutinsvar-library-unit-source.png" });
    await page.keyboard.press("Escape");

    // "Bara min enhet" narrows the search to the unit.
    await page.locator("#unit-only").check();
    await ask(page, "Var finns arbetskläderna?");
    expect(asks.at(-1)?.options).toMatchObject({ unit: "Gruppbostad", collections: ["Gruppbostad"] });
    await page.screenshot({ path: "/tmp/rutinsvar-library-unit-answer.png", fullPage: true });
    await context.close();
  }, TIMEOUT * 2);

  it("shows example questions drawn from this library, per unit", async () => {
    const { page, context } = await open();
    await page.locator("[data-example]").first().waitFor();
    const all = await page.locator("[data-example]").allTextContents();
    expect(all).toContain("Vad gäller för brukare öppnar inte dörren?");
    expect(all.join(" ")).not.toContain("orosanmälan");
    await page.locator("#unit-select").selectOption("Hemtjänst");
    await page.locator("[data-example]", { hasText: "introduktion för nya vikarier" }).waitFor();
    await context.close();
  }, TIMEOUT);

  it("renders table rows as a table in the source view", async () => {
    const { page, context } = await open();
    await page.locator("#unit-select").selectOption("Hemtjänst");
    const turn = await ask(page, "Var finns arbetskläderna?");
    await turn.locator("button.source-title").first().click();
    await page.locator('[data-panel-body][aria-busy="false"]').waitFor();
    const cells = await page.locator("[data-panel-body] .text-table td").allTextContents();
    expect(cells).toContain("Arbetskläderna finns i tvättstugan på plan 4.");
    expect(await page.locator("[data-panel-body] .passage").textContent()).not.toContain(" | ");
    await page.screenshot({ path: "/tmp/rutinsvar-library-table.png" });
    await context.close();
  }, TIMEOUT);

  it("says so visibly, with the limit, for an empty and an over-long question, and cuts nothing", async () => {
    const { page, context, asks } = await open(390, 844);
    await page.locator("#send-button").click();
    const error = page.locator("#question-error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toContain("Skriv en fråga först");
    expect(await error.textContent()).toContain("2000 tecken");

    const long = "Hur gör jag när brukaren inte öppnar dörren? ".repeat(450); // about 20,000 characters
    await page.locator("#question").fill(long);
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toContain(`${long.trim().length} tecken`);
    expect(await error.textContent()).toContain("Högst 2000 tecken");
    await page.locator("#question").press("Enter");
    expect(asks).toHaveLength(0);
    // Nothing cut: the whole paste is still in the field for the user to shorten.
    expect((await page.locator("#question").inputValue()).length).toBe(long.length);
    expect(await page.locator("#question").getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: "/tmp/rutinsvar-library-too-long-390.png" });
    await context.close();
  }, TIMEOUT);

  it("keeps the question box on screen on a 390-px phone after a long answer", async () => {
    const { page, context } = await open(390, 844);
    // A long answer: every paragraph of a long routine quoted (served as plain JSON, as a proxy without streaming would).
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Steg ${i + 1}: kontrollera att brukaren har fått sin insats och dokumentera det i journalen. [1]`);
    await page.route("**/api/ask", (route) =>
      route.fulfill({
        contentType: "application/json",
        body: JSON.stringify({
          answer: paragraphs.join("\n\n"),
          abstained: false,
          citations: [{ n: 1, chunkId: "x", documentId: "d", source: "Hemtjänst/lang.md", title: "Lång rutin", section: "Utförande", page: 3, quote: "Steg 1", url: "/api/documents/d/file", collection: "Hemtjänst" }],
          notices: [],
          timingMs: 5,
        }),
      }),
    );
    await ask(page, "Hur går hela rutinen till?");
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
    const box = await page.locator("#question").boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: "/tmp/rutinsvar-library-long-answer-390.png" });
    await context.close();
  }, TIMEOUT);

  it("raised no CSP violations or page errors", () => {
    expect(problems).toEqual([]);
  });
});

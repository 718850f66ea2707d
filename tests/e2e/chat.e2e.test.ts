/**
 * Browser tests of the staff chat (web/) against a server from helpers.ts.
 * The page runs under the production CSP, so any inline script or style
 * would show up as a violation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { askInChat, describeViolations, hasChromium, launchBrowser, runAxe, scenario, startServer } from "./helpers.js";
import type { TestServer } from "./helpers.js";

const TIMEOUT = 30_000;

interface AskBody {
  question: string;
  history?: Array<{ role: string; content: string }>;
  options?: { includeRetrieved?: boolean };
}

describe.skipIf(!hasChromium())("staff chat in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the chat in a fresh context and records CSP violations and page errors. */
  async function openChat(
    options: { width?: number; height?: number; bypassCSP?: boolean; reducedMotion?: boolean } = {},
  ): Promise<{ page: Page; context: BrowserContext; asks: AskBody[] }> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      bypassCSP: options.bypassCSP ?? false,
      reducedMotion: options.reducedMotion ? "reduce" : "no-preference",
      locale: "sv-SE",
    });
    const page = await context.newPage();
    const asks: AskBody[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/api/ask") && request.method() === "POST") asks.push(request.postDataJSON() as AskBody);
    });
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("console", (msg) => {
      if (msg.type() === "error" && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`csp: ${msg.text()}`);
    });
    await page.goto(`${server.baseUrl}/`);
    await page.locator("#health:not(:empty)").waitFor();
    return { page, context, asks };
  }

  const ask = askInChat;

  it("shows the header, transparency statement and example questions", async () => {
    const { page, context } = await openChat();
    expect(await page.locator("html").getAttribute("lang")).toBe("sv");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Rutinsvar");
    expect(await page.locator("header").textContent()).toContain(
      "Svaren tas fram av ett AI-system ur kommunens egna rutiner. Kontrollera alltid mot källan.",
    );
    const examples = await page.locator("[data-example]").allTextContents();
    expect(examples).toContain("Hur gör jag en orosanmälan?");
    expect(await page.locator("#question-hint").textContent()).toContain("Alt");
    await context.close();
  }, TIMEOUT);

  it("streams an answer with citation chips, notices and a source list; follow-ups send the history", async () => {
    const { page, context, asks } = await openChat();
    const turn = await ask(page, scenario.question);

    expect(asks[0]).toMatchObject({ question: scenario.question, options: { includeRetrieved: true } });
    expect(asks[0]?.history).toBeUndefined();

    expect(await turn.locator(".question-text").textContent()).toBe(scenario.question);
    const chips = turn.locator(".answer-body .cite-chip");
    expect(await chips.count()).toBeGreaterThan(0);
    const chipName = await chips.first().getAttribute("aria-label");
    expect(chipName).toMatch(/^Källa 1: .+/);
    // Markers are turned into chips, not left as literal "[1]".
    expect(await turn.locator(".answer-body").textContent()).not.toMatch(/\[\d+\]/);
    expect(await turn.locator(".sources .source-item").count()).toBeGreaterThan(0);
    expect(await turn.locator(".callout-warning").textContent()).toMatch(/reviderats/);
    // Focus moved to the new answer because the user was not typing.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Svar");

    const firstAnswer = await turn.locator(".answer-body").textContent();
    const second = await ask(page, scenario.followUp);
    expect(asks[1]?.question).toBe(scenario.followUp);
    expect(asks[1]?.history?.map((h) => h.role)).toEqual(["user", "assistant"]);
    expect(asks[1]?.history?.[0]?.content).toBe(scenario.question);
    expect(asks[1]?.history?.[1]?.content).toMatch(/\[1\]/);
    // The page shows the answer the history carries: markers become chips and numbered steps an <ol>.
    expect(firstAnswer).toContain(asks[1]?.history?.[1]?.content.replace(/\s*\[\d+\]/g, "").replace(/^\s*\d+\.\s+/gm, "").slice(0, 30));
    expect(await second.locator(".answer-body .cite-chip").count()).toBeGreaterThan(0);

    // "Ny konversation" clears the history.
    await page.getByRole("button", { name: "Ny konversation" }).click();
    expect(await page.locator(".turn").count()).toBe(0);
    expect(await page.locator("#empty-state").isVisible()).toBe(true);
    await ask(page, scenario.question);
    expect(asks[2]?.history).toBeUndefined();
    await context.close();
  }, TIMEOUT);

  it("opens a citation in the source panel with the quote highlighted and a link to the original", async () => {
    const { page, context } = await openChat();
    const turn = await ask(page, scenario.question);
    const chip = turn.locator(".answer-body .cite-chip").first();
    await chip.click();

    const dialog = page.getByRole("dialog");
    await dialog.locator('[data-panel-body][aria-busy="false"]').waitFor();
    expect(await dialog.isVisible()).toBe(true);
    const mark = dialog.locator(".passage-chunk mark");
    expect(await mark.count()).toBe(1);
    const citations = await page.evaluate(async () => {
      const response = await fetch("api/ask", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ question: document.querySelector(".question-text")?.textContent }),
      });
      return ((await response.json()) as { citations: Array<{ quote: string; title: string }> }).citations;
    });
    expect(await mark.textContent()).toBe(citations[0]?.quote);
    expect(await dialog.locator(".panel-title").textContent()).toBe(citations[0]?.title);
    expect(await dialog.locator(".source-meta").textContent()).toMatch(/Version/);
    expect(await dialog.locator(".passage-context").count()).toBeGreaterThan(0);
    const link = dialog.getByRole("link", { name: /Öppna originaldokumentet/ });
    expect(await link.getAttribute("href")).toMatch(/^\/api\/documents\/.+\/file/);
    expect(await link.getAttribute("target")).toBe("_blank");

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await chip.evaluate((el) => el === document.activeElement)).toBe(true);

    // The source list opens the same panel.
    await turn.locator(".sources .source-title").first().click();
    await dialog.locator('[data-panel-body][aria-busy="false"]').waitFor();
    expect(await dialog.locator(".passage-chunk mark").count()).toBe(1);
    await dialog.getByRole("button", { name: "Stäng källan" }).click();
    await dialog.waitFor({ state: "hidden" });
    await context.close();
  }, TIMEOUT);

  it("sends feedback with rating, comment and citations", async () => {
    const { page, context } = await openChat();
    const turn = await ask(page, scenario.question);
    const yes = turn.getByRole("button", { name: "Ja" });
    expect(await yes.getAttribute("aria-pressed")).toBe("false");
    await yes.click();
    expect(await yes.getAttribute("aria-pressed")).toBe("true");
    expect(await turn.getByRole("button", { name: "Nej" }).getAttribute("aria-pressed")).toBe("false");

    await turn.getByLabel("Kommentar (valfritt)").fill("Tydligt, tack.");
    const responsePromise = page.waitForResponse((r) => r.url().endsWith("/api/feedback"));
    await turn.getByRole("button", { name: "Skicka återkoppling" }).click();
    const response = await responsePromise;
    expect(response.status()).toBe(201);
    const body = response.request().postDataJSON() as Record<string, unknown>;
    expect(body).toMatchObject({ question: scenario.question, rating: "up", comment: "Tydligt, tack." });
    expect(String(body.answer)).toMatch(/\[1\]/);
    expect((body.citations as Array<{ chunkId: string; source: string }>)[0]?.chunkId).toBeTruthy();
    await turn.getByText("Tack för din återkoppling").waitFor();
    await context.close();
  }, TIMEOUT);

  it("shows an abstention distinctly with the closest documents", async () => {
    const { page, context } = await openChat();
    const turn = await ask(page, scenario.abstain);
    const box = turn.locator(".callout-abstain");
    expect(await box.isVisible()).toBe(true);
    expect(await box.textContent()).toContain("Det framgår inte av de rutiner jag har tillgång till.");
    expect(await box.textContent()).toContain("Närmast låg:");
    const closest = box.locator(".closest-list li");
    expect(await closest.count()).toBeGreaterThan(0);
    expect(await turn.locator(".sources").count()).toBe(0);

    await closest.first().getByRole("button").click();
    const dialog = page.getByRole("dialog");
    await dialog.locator('[data-panel-body][aria-busy="false"]').waitFor();
    expect((await dialog.locator(".passage-chunk").textContent())?.length).toBeGreaterThan(10);
    await page.keyboard.press("Escape");
    await context.close();
  }, TIMEOUT);

  it("shows the personal-data warning prominently", async () => {
    const { page, context } = await openChat();
    const turn = await ask(page, scenario.pii);
    const alert = turn.locator(".callout-pii");
    expect(await alert.getAttribute("role")).toBe("alert");
    expect(await alert.textContent()).toContain("personuppgifter");
    await context.close();
  }, TIMEOUT);

  it("falls back to JSON answers and shows the server's error message", async () => {
    const { page, context } = await openChat();
    const answer = {
      answer: "Svaret kom som JSON. [1]",
      abstained: false,
      citations: [
        { n: 1, chunkId: "x#1", documentId: "x", source: "x.md", title: "Testrutin", section: "Avsnitt", page: null, quote: "Svaret", url: "/api/documents/x/file" },
      ],
      notices: [],
      timingMs: 5,
    };
    await page.route("**/api/ask", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(answer) }));
    const turn = await ask(page, "Fråga med JSON-svar");
    expect(await turn.locator(".answer-body").textContent()).toContain("Svaret kom som JSON.");
    expect(await turn.locator(".cite-chip").getAttribute("aria-label")).toBe("Källa 1: Testrutin");

    await page.unroute("**/api/ask");
    await page.route("**/api/ask", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "index_unavailable", message: "Indexet laddas om. Försök igen om en minut.", requestId: "req-42" } }),
      }),
    );
    const failed = await ask(page, "En fråga till");
    expect(await failed.getByRole("alert").textContent()).toContain("Indexet laddas om. Försök igen om en minut.");
    expect(await failed.getByRole("alert").textContent()).toContain("req-42");

    // A stream that reports an error mid-way.
    await page.unroute("**/api/ask");
    await page.route("**/api/ask", (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/event-stream",
        body: 'event: token\r\ndata: {"text":"Början av svaret. "}\r\n\r\nevent: error\r\ndata: {"code":"model_timeout","message":"Språkmodellen svarade inte i tid."}\r\n\r\n',
      }),
    );
    const broken = await ask(page, "Tredje frågan");
    expect(await broken.getByRole("alert").textContent()).toContain("Språkmodellen svarade inte i tid.");
    // The failed turns are not sent as history.
    const bodies: AskBody[] = [];
    page.on("request", (r) => r.url().endsWith("/api/ask") && bodies.push(r.postDataJSON() as AskBody));
    await ask(page, "Fjärde frågan");
    expect(bodies[0]?.history).toHaveLength(2);
    await context.close();
  }, TIMEOUT);

  it("works with the keyboard alone (Tab, Enter, Escape, Alt+K, Shift+Enter)", async () => {
    const { page, context } = await openChat();
    const focused = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { id: el?.id ?? "", cls: el?.className ?? "", text: el?.textContent?.trim() ?? "", label: el?.getAttribute("aria-label") ?? "" };
    });

    await page.keyboard.press("Tab");
    expect((await focused()).text).toBe("Hoppa till frågefältet");
    await page.keyboard.press("Enter");
    expect((await focused()).id).toBe("question");

    await page.keyboard.type("Rad ett");
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type("rad två");
    expect(await page.locator("#question").inputValue()).toBe("Rad ett\nrad två");
    expect(await page.locator(".turn").count()).toBe(0);
    await page.locator("#question").fill("");

    await page.keyboard.type(scenario.question);
    await page.keyboard.press("Enter");
    await page.locator('.answer-body[aria-busy="false"]').waitFor();
    expect((await focused()).text).toBe("Svar");

    // Tab from the answer heading reaches the first citation chip.
    await page.keyboard.press("Tab");
    expect((await focused()).label).toMatch(/^Källa 1: /);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect((await focused()).id).toBe("source-title");
    await page.keyboard.press("Tab");
    expect((await focused()).label).toBe("Stäng källan");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect((await focused()).label).toMatch(/^Källa 1: /);

    await page.keyboard.press("Alt+k");
    expect((await focused()).id).toBe("question");

    // Example questions work from the keyboard too.
    await page.getByRole("button", { name: "Ny konversation" }).focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Shift+Tab");
    await page.locator("[data-example]").first().focus();
    await page.keyboard.press("Enter");
    await page.locator('.answer-body[aria-busy="false"]').waitFor();
    expect(await page.locator(".question-text").first().textContent()).toBe(await page.locator("[data-example]").first().textContent());
    await context.close();
  }, TIMEOUT);

  it("has no axe-core violations in the empty, answered, abstained and source-panel states", async () => {
    // axe is injected as a script tag, which the strict CSP would block.
    const { page, context } = await openChat({ bypassCSP: true, reducedMotion: true });
    const check = async (state: string) => {
      // Colours are only final once transitions (the panel's slide-in) have ended.
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
      const violations = await runAxe(page);
      expect(violations, `${state}:\n${describeViolations(violations)}`).toEqual([]);
    };
    await check("empty");
    const turn = await ask(page, scenario.question);
    await turn.getByRole("button", { name: "Nej" }).click();
    await check("answered");
    await ask(page, scenario.abstain);
    await ask(page, scenario.pii);
    await check("abstained");
    await turn.locator(".cite-chip").first().click();
    await page.locator('[data-panel-body][aria-busy="false"]').waitFor();
    await check("source panel");
    await context.close();
  }, TIMEOUT);

  it("fits 320 px and 200 % zoom without horizontal scrolling, and takes screenshots", async () => {
    // 640×450 is a 1280×900 window at 200 % zoom.
    for (const [width, height] of [[1280, 900], [640, 450], [320, 700]] as const) {
      const { page, context } = await openChat({ width, height });
      await page.screenshot({ path: `/tmp/rutinsvar-${width}-empty.png`, fullPage: true });
      await ask(page, scenario.question);
      await ask(page, scenario.abstain);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // Viewport shots: a full-page shot misplaces the sticky question field.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `/tmp/rutinsvar-${width}-answer-top.png` });
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.screenshot({ path: `/tmp/rutinsvar-${width}-answer-bottom.png` });
      await page.locator(".cite-chip").first().click();
      await page.locator('[data-panel-body][aria-busy="false"]').waitFor();
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
      await page.screenshot({ path: `/tmp/rutinsvar-${width}-source.png` });
      await context.close();
    }
  }, TIMEOUT * 2);

  it("runs its pure modules correctly in the browser", async () => {
    const { page, context } = await openChat();
    // Passed as a string so the test runner does not rewrite the dynamic imports.
    const result = (await page.evaluate(`(async () => {
      const { createSseParser } = await import("/js/sse.js");
      const { findQuoteRanges } = await import("/js/highlight.js");
      const { parseAnswer } = await import("/js/answer-text.js");
      const parser = createSseParser();
      const events = [
        ...parser.feed("event: token\\r"),
        ...parser.feed("\\ndata: {\\"text\\":\\"a\\"}\\r\\n\\r\\n: kommentar\\n\\ndata: rad1\\ndata: rad2\\n"),
        ...parser.end(),
      ];
      const text = "Anmälan  görs\\nskriftligt – via e-tjänsten. Sedan ringer du.";
      return {
        events,
        exact: findQuoteRanges("abc def", "def"),
        fuzzy: findQuoteRanges(text, "anmälan görs skriftligt - via e-tjänsten."),
        missing: findQuoteRanges(text, "finns inte alls här i texten"),
        blocks: parseAnswer("Gör så här. [1][2]\\n\\n- Steg ett [1, 2]\\n- Steg två [9]", (n) => n < 3),
      };
    })()`)) as {
      events: unknown[];
      exact: unknown;
      fuzzy: unknown;
      missing: unknown;
      blocks: unknown;
    };
    expect(result.events).toEqual([
      { event: "token", data: '{"text":"a"}' },
      { event: "message", data: "rad1\nrad2" },
    ]);
    expect(result.exact).toEqual([[4, 7]]);
    expect(result.fuzzy).toEqual([[0, 42]]);
    expect(result.missing).toEqual([]);
    expect(result.blocks).toEqual([
      { type: "paragraph", lines: [[{ type: "text", text: "Gör så här. " }, { type: "cite", n: 1 }, { type: "cite", n: 2 }]] },
      {
        type: "list",
        ordered: false,
        items: [
          [{ type: "text", text: "Steg ett " }, { type: "cite", n: 1 }, { type: "cite", n: 2 }],
          [{ type: "text", text: "Steg två [9]" }],
        ],
      },
    ]);
    await context.close();
  }, TIMEOUT);

  it("raised no CSP violations or page errors", () => {
    expect(problems).toEqual([]);
  });
});

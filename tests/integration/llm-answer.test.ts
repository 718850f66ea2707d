/**
 * Generative answers against protocol-level fakes of an OpenAI-compatible
 * server and Ollama: real HTTP on loopback, real LangChain clients, the real
 * index of tests/fixtures/corpus. Every claim that reaches the reader must
 * carry a citation whose passage supports it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/config/env.js";
import type { Answer } from "../../src/core/schemas.js";
import { openAnswerService } from "../../src/lifecycle/open-answer-service.js";
import { createApp } from "../../src/server/app.js";
import { LLM_NOTICES } from "../../src/query/compose-llm.js";
import { buildFixtureApp, postJson, type FixtureApp } from "../helpers/fixture-index.js";
import { closedPort, sourceNumberContaining, startFakeLlmServer, type FakeChatRequest, type FakeLlmServer, type FakeReply } from "../helpers/fake-llm-server.js";

const QUESTION = "Hur gör jag en orosanmälan?";
const ABSTAIN = "Det framgår inte av de rutiner jag har tillgång till.";

let fx: FixtureApp;
let fake: FakeLlmServer;

beforeAll(async () => {
  // The fake model's replies cite passages that retrieval with the hashing embedder's dense search brings
  // into the prompt (the orosanmälan routine beside the interpreter routine), so this suite keeps it on.
  [fx, fake] = await Promise.all([buildFixtureApp(undefined, { env: { RETRIEVAL_DENSE_WEIGHT: "1" } }), startFakeLlmServer({ models: ["test-model"] })]);
});
afterAll(async () => {
  await fake?.close();
  await fx?.cleanup();
});
afterEach(() => fake.setReply(() => ({ text: "Hej." })));

type Provider = "openai-compatible" | "ollama";

function llmConfig(provider: Provider, overrides: Partial<Config["llm"]> = {}): Config {
  return {
    ...fx.config,
    llm: {
      provider,
      baseUrl: provider === "ollama" ? fake.url : fake.openaiUrl,
      model: "test-model",
      timeoutMs: 5000,
      maxTokens: 400,
      temperature: 0,
      ...overrides,
    },
  };
}

async function appFor(provider: Provider, overrides: Partial<Config["llm"]> = {}) {
  const config = llmConfig(provider, overrides);
  const service = await openAnswerService(config);
  return { service, app: createApp({ config, answers: () => service, log: () => {} }) };
}

async function askJson(app: ReturnType<typeof createApp>, question = QUESTION): Promise<Answer> {
  const res = await postJson(app, "/api/ask", { question });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

interface Streamed {
  events: string[];
  tokens: string[];
  done: Answer;
}

async function askStream(app: ReturnType<typeof createApp>, question = QUESTION): Promise<Streamed> {
  const res = await postJson(app, "/api/ask", { question }, { accept: "text/event-stream" });
  expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
  const body = await res.text();
  const events = [...body.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]!);
  const tokens = [...body.matchAll(/^event: token\ndata: (.*)$/gm)].map((m) => (JSON.parse(m[1]!) as { text: string }).text);
  const done = JSON.parse(body.split("event: done\ndata: ")[1]!.split("\n")[0]!) as Answer;
  return { events, tokens, done };
}

/** Source number of the passage containing `needle`; fails the test when the prompt lacks it. */
function n(req: FakeChatRequest, needle: string): number {
  const found = sourceNumberContaining(req, needle);
  if (found === null) throw new Error(`no source contains "${needle}"`);
  return found;
}

function expectVerbatim(answer: Answer) {
  for (const c of answer.citations) expect(fx.service.index.getChunk(c.chunkId)!.text).toContain(c.quote);
  // Markers are 1..k and each has a citation.
  const used = [...new Set([...answer.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))].sort();
  expect(used).toEqual(answer.citations.map((c) => c.n));
}

const goodAnswer = (req: FakeChatRequest): FakeReply => ({
  text:
    `Gör en skyddsbedömning samma dag som anmälan kommer in [${n(req, "skyddsbedömning samma dag")}]. ` +
    `Beslut om att inleda eller inte inleda utredning fattas inom 14 dagar [${n(req, "14 dagar")}].`,
});

describe.each(["openai-compatible", "ollama"] as const)("generative answers via %s", (provider) => {
  it("keeps a well-cited answer, with verbatim quotes and renumbered markers", async () => {
    fake.setReply(goodAnswer);
    const { app } = await appFor(provider);
    const a = await askJson(app);
    expect(a.mode).toBe("generative");
    expect(a.abstained).toBe(false);
    expect(a.removedClaims).toEqual([]);
    expect(a.answer).toBe("Gör en skyddsbedömning samma dag som anmälan kommer in [1]. Beslut om att inleda eller inte inleda utredning fattas inom 14 dagar [1].");
    expect(a.citations).toHaveLength(1);
    expect(a.citations[0]!.source).toMatch(/orosanmalan/);
    expect(a.citations[0]!.quote).toContain("Gör en skyddsbedömning samma dag");
    expect(a.citations[0]!.quote).toContain("14 dagar");
    expectVerbatim(a);
    expect(a.notices.some((x) => x.includes("Språkmodell"))).toBe(false);
  });

  it("streams verified sentences only; an unsupported claim never reaches the stream", async () => {
    fake.setReply((req) => ({
      text:
        `Gör en skyddsbedömning samma dag som anmälan kommer in [${n(req, "skyddsbedömning samma dag")}]. ` +
        `Ring alltid polisen innan du pratar med familjen. ` +
        `Dokumentera skyddsbedömningen i journalen [${n(req, "journalen")}].`,
      delayMs: 2,
    }));
    const { app } = await appFor(provider);
    const s = await askStream(app);
    expect(s.events[0]).toBe("token");
    expect(s.events.slice(-2)).toEqual(["citations", "done"]);
    expect(s.tokens.length).toBeGreaterThanOrEqual(2);
    expect(s.tokens.join("")).toBe(s.done.answer);
    for (const t of s.tokens) {
      expect(t).not.toMatch(/polisen/);
      expect(t).toMatch(/\[\d+\]\.?\s*$/); // every piece is a whole, cited sentence
    }
    expect(s.done.mode).toBe("generative");
    expect(s.done.removedClaims).toEqual(["Ring alltid polisen innan du pratar med familjen."]);
    expectVerbatim(s.done);
    const req = fake.chatRequests.at(-1)!;
    expect(req.stream).toBe(true);
  });
});

describe("citation verification", () => {
  it("removes uncited claims and claims whose markers point at no source", async () => {
    fake.setReply((req) => ({
      text:
        `Gör en skyddsbedömning samma dag som anmälan kommer in [${n(req, "skyddsbedömning samma dag")}]. ` +
        `Anmälan kan också göras anonymt via kommunens webbplats. ` +
        `Anmälaren får alltid ett skriftligt kvitto [42]. ` +
        `Beslut om utredning fattas inom 30 dagar [${n(req, "14 dagar")}].`,
    }));
    const { app } = await appFor("openai-compatible");
    const a = await askJson(app);
    expect(a.mode).toBe("generative");
    expect(a.answer).toBe("Gör en skyddsbedömning samma dag som anmälan kommer in [1].");
    expect(a.removedClaims).toEqual([
      "Anmälan kan också göras anonymt via kommunens webbplats.",
      "Anmälaren får alltid ett skriftligt kvitto.",
      // The cited passage says 14 days: an invented number is not supported.
      "Beslut om utredning fattas inom 30 dagar.",
    ]);
    expectVerbatim(a);
  });

  it("drops a marker to a source that does not support the claim but keeps the one that does", async () => {
    fake.setReply((req) => ({
      text: `Tolk bokas via Tolkförmedlingen Väst senast två arbetsdagar före mötet [${n(req, "skyddsbedömning samma dag")}][${n(req, "Tolkförmedlingen")}].`,
    }));
    const { app } = await appFor("openai-compatible");
    const a = await askJson(app, "Hur bokar jag tolk?");
    expect(a.answer).toBe("Tolk bokas via Tolkförmedlingen Väst senast två arbetsdagar före mötet [1].");
    expect(a.citations).toHaveLength(1);
    expect(a.citations[0]!.source).toBe("tolk.txt");
    expect(a.citations[0]!.quote).toBe("Tolk bokas via Tolkförmedlingen Väst senast två arbetsdagar före mötet.");
  });

  it("turns the model's 'not in the sources' into an abstention", async () => {
    fake.setReply(() => ({ text: ABSTAIN }));
    const { app } = await appFor("ollama");
    const s = await askStream(app);
    expect(s.done.abstained).toBe(true);
    expect(s.done.mode).toBe("generative");
    expect(s.done.answer).toBe(ABSTAIN);
    expect(s.done.citations).toEqual([]);
    expect(s.tokens.join("")).toBe(ABSTAIN);
  });

  it("does not call the model when retrieval abstains", async () => {
    const before = fake.chatRequests.length;
    const { app } = await appFor("openai-compatible");
    const a = await askJson(app, "Vilka regler gäller för parkering av tjänstebilar vid rådhuset på helgerna?");
    expect(a.abstained).toBe(true);
    expect(fake.chatRequests.length).toBe(before);
  });
});

describe("fallback to the extractive answer", () => {
  it("falls back with a notice when nothing the model wrote can be verified", async () => {
    fake.setReply(() => ({ text: "}}}{{ ### ??? lorem ipsum dolor [7] <|im_end|>" }));
    const { app } = await appFor("openai-compatible");
    const a = await askJson(app);
    expect(a.mode).toBe("extractive");
    expect(a.notices).toContain(LLM_NOTICES.unsupported);
    expect(a.citations.length).toBeGreaterThan(0);
    expectVerbatim(a);
  });

  it.each(["openai-compatible", "ollama"] as const)("falls back when %s returns malformed protocol data", async (provider) => {
    fake.setReply(() => ({ malformed: "{this is not json" }));
    const { app } = await appFor(provider);
    const s = await askStream(app);
    expect(s.done.mode).toBe("extractive");
    expect(s.done.notices).toContain(LLM_NOTICES.bad_response);
    expect(s.tokens.join("")).toBe(s.done.answer);
  });

  it.each(["openai-compatible", "ollama"] as const)("gives up on a hung %s server within LLM_TIMEOUT_MS", async (provider) => {
    fake.setReply(() => ({ hang: true }));
    const { app } = await appFor(provider, { timeoutMs: 1000 });
    const started = Date.now();
    const a = await askJson(app);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(3000);
    expect(a.mode).toBe("extractive");
    expect(a.notices).toContain(LLM_NOTICES.timeout);
    expect(a.answer).toMatch(/\[1\]/);
  });

  it("times out a stream too, and still ends it with done", async () => {
    fake.setReply(() => ({ hang: true }));
    const { app } = await appFor("openai-compatible", { timeoutMs: 1000 });
    const s = await askStream(app);
    expect(s.events.slice(-2)).toEqual(["citations", "done"]);
    expect(s.done.notices).toContain(LLM_NOTICES.timeout);
    expect(s.tokens.join("")).toBe(s.done.answer);
  });

  it("keeps the verified part when the model stalls mid-answer", async () => {
    fake.setReply((req) => ({
      text: "",
      chunks: [`Gör en skyddsbedömning samma dag som anmälan kommer in [${n(req, "skyddsbedömning samma dag")}]. `, "Dokumentera sedan", ...Array(50).fill(" ")],
      delayMs: 40,
    }));
    const { app } = await appFor("ollama", { timeoutMs: 1000 });
    const s = await askStream(app);
    expect(s.done.mode).toBe("generative");
    expect(s.done.answer).toBe("Gör en skyddsbedömning samma dag som anmälan kommer in [1].");
    expect(s.done.notices).toContain(LLM_NOTICES.interrupted);
    expect(s.tokens.join("")).toBe(s.done.answer);
  });

  it("reports an unreachable server and answers extractively", async () => {
    const { app } = await appFor("openai-compatible", { baseUrl: `http://127.0.0.1:${await closedPort()}/v1` });
    const a = await askJson(app);
    expect(a.mode).toBe("extractive");
    expect(a.notices).toContain(LLM_NOTICES.unreachable);
  });

  it.each(["openai-compatible", "ollama"] as const)("retries %s once after a dropped connection", async (provider) => {
    const first = fake.chatRequests.length;
    fake.setReply((req, i) => (i === first ? { destroy: true } : goodAnswer(req)));
    const { app } = await appFor(provider);
    const a = await askJson(app);
    expect(a.mode).toBe("generative");
    expect(fake.chatRequests.length - first).toBe(2);
  });
});

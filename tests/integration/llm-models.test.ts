/**
 * Model set-up against protocol-level fakes: the start-up check
 * (`npm run check-model` and boot) and the remote embedders, whose
 * descriptor goes into the index manifest.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest } from "../../src/core/index-store.js";
import type { Answer } from "../../src/core/schemas.js";
import { checkChatModel, ModelCheckError } from "../../src/models/check-model.js";
import { createEmbedder } from "../../src/models/embedder.js";
import { openAnswerService } from "../../src/lifecycle/open-answer-service.js";
import { buildFixtureApp, postJson, testConfig } from "../helpers/fixture-index.js";
import { closedPort, startFakeLlmServer, type FakeLlmServer } from "../helpers/fake-llm-server.js";

let fake: FakeLlmServer;
beforeAll(async () => {
  fake = await startFakeLlmServer({ models: ["qwen2.5:7b-instruct", "test-model"], embeddingDimensions: 48, reply: () => ({ text: "OK" }) });
});
afterAll(async () => fake?.close());

const llm = (over: Record<string, unknown>) => ({ ...testConfig().llm, timeoutMs: 3000, ...over }) as ReturnType<typeof testConfig>["llm"];

describe("checkChatModel", () => {
  it("passes for a reachable server that has the model", async () => {
    const openai = await checkChatModel(llm({ provider: "openai-compatible", baseUrl: fake.openaiUrl, model: "test-model" }));
    expect(openai.reply).toBe("OK");
    expect(openai.available).toContain("test-model");
    // Ollama's "name" without a tag means ":latest"; here the exact tag is listed.
    const ollama = await checkChatModel(llm({ provider: "ollama", baseUrl: fake.url, model: "qwen2.5:7b-instruct" }));
    expect(ollama.reply).toBe("OK");
  });

  it("names the model and what the server has when the model is missing", async () => {
    const err = await checkChatModel(llm({ provider: "ollama", baseUrl: fake.url, model: "llama3.1" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelCheckError);
    expect((err as Error).message).toBe(
      `Modellen llama3.1 finns inte på ${fake.url} (LLM_PROVIDER=ollama, LLM_BASE_URL=${fake.url}, LLM_MODEL=llama3.1). Tillgängliga modeller: qwen2.5:7b-instruct, test-model.`,
    );
  });

  it("names the URL when the server cannot be reached", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const err = await checkChatModel(llm({ provider: "openai-compatible", baseUrl: url, model: "x" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelCheckError);
    expect((err as Error).message).toMatch(
      new RegExp(`^Språkmodellen kan inte nås \\(LLM_PROVIDER=openai-compatible, LLM_BASE_URL=${url.replace(/[.]/g, "\\.")}, LLM_MODEL=x\\): .*ECONNREFUSED`),
    );
  });

  it("npm run check-model exits 1 with a clear message, 0 when all is well", async () => {
    const run = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli/check-model.ts"], { env: { ...process.env, ...env, NODE_ENV: "test" }, timeout: 60_000 }).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
    const bad = await run({ LLM_PROVIDER: "openai-compatible", LLM_BASE_URL: fake.openaiUrl, LLM_MODEL: "gpt-finns-inte", EMBEDDINGS_PROVIDER: "hashing" });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("Språkmodell: FEL – Modellen gpt-finns-inte finns inte på");
    const good = await run({ LLM_PROVIDER: "ollama", LLM_BASE_URL: fake.url, LLM_MODEL: "test-model", EMBEDDINGS_PROVIDER: "ollama", EMBEDDINGS_BASE_URL: fake.url, EMBEDDINGS_MODEL: "nomic-embed-text" });
    expect(good.out).toContain("Språkmodell: OK – ollama test-model");
    expect(good.out).toContain("(48 dimensioner)");
    expect(good.code).toBe(0);
  }, 120_000);
});

describe("remote embedders", () => {
  it.each([
    ["openai-compatible", () => fake.openaiUrl],
    ["ollama", () => fake.url],
  ] as const)("%s: probes the dimensions for the descriptor", async (provider, url) => {
    const e = await createEmbedder({ ...testConfig().embeddings, provider, baseUrl: url(), model: "embed-model" });
    expect(e.descriptor).toEqual({ provider, model: "embed-model", dimensions: 48 });
    const [v] = await e.embeddings.embedDocuments(["Orosanmälan"]);
    expect(v).toHaveLength(48);
  });

  it("fails at start with the URL and model when the embedder is unreachable", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    await expect(createEmbedder({ ...testConfig().embeddings, provider: "ollama", baseUrl: url, model: "nomic-embed-text", timeoutMs: 2000 })).rejects.toThrow(
      `Inbäddningsmodellen kunde inte nås eller svarade med fel (EMBEDDINGS_PROVIDER=ollama, EMBEDDINGS_BASE_URL=${url}, EMBEDDINGS_MODEL=nomic-embed-text)`,
    );
  });

  it("builds and answers from an index with remote embeddings, and refuses it under another embedder", async () => {
    const env = { EMBEDDINGS_PROVIDER: "openai-compatible", EMBEDDINGS_BASE_URL: fake.openaiUrl, EMBEDDINGS_MODEL: "embed-model" };
    const fx = await buildFixtureApp(undefined, { env });
    try {
      const manifest = await readManifest(fx.indexDir);
      expect(manifest.embedder).toEqual({ provider: "openai-compatible", model: "embed-model", dimensions: 48 });
      const res = await postJson(fx.app, "/api/ask", { question: "Hur gör jag en orosanmälan?" });
      const a = (await res.json()) as Answer;
      expect(a.abstained).toBe(false);
      expect(a.citations[0]!.source).toMatch(/orosanmalan/);
      await expect(openAnswerService({ ...fx.config, embeddings: testConfig().embeddings })).rejects.toThrow(
        "Indexet byggdes med EMBEDDINGS_PROVIDER=openai-compatible men konfigurationen anger EMBEDDINGS_PROVIDER=hashing.",
      );
    } finally {
      await fx.cleanup();
    }
  });
});


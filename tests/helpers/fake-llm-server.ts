/**
 * Protocol-level fakes of the model servers Rutinsvar talks to: a real
 * node:http server on 127.0.0.1 that speaks the OpenAI API
 * (POST /v1/chat/completions streaming and not, GET /v1/models,
 * POST /v1/embeddings) and Ollama's API (POST /api/chat as NDJSON,
 * GET /api/tags, POST /api/embed). Each test scripts the reply; the code
 * under test uses the real LangChain clients over real sockets.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FakeChatRequest {
  path: string;
  protocol: "openai" | "ollama";
  stream: boolean;
  model: string;
  messages: { role: string; content: string }[];
  body: Record<string, unknown>;
}

/** What the fake does with one chat request. */
export type FakeReply =
  /** Answer with this text; streamed as `chunks` when given, else word by word. */
  | { text: string; chunks?: string[]; delayMs?: number }
  /** Accept the request and never answer (a hung model). */
  | { hang: true }
  /** Send a body that is not valid protocol (HTTP 200). */
  | { malformed: string }
  /** Answer with an HTTP error. */
  | { status: number; body: unknown }
  /** Close the socket without a response (a connection error). */
  | { destroy: true };

export interface FakeLlmOptions {
  /** Models the server claims to have (GET /v1/models, /api/tags, chat with another model → 404). */
  models?: string[];
  /** Reply for each chat request; default a fixed sentence. */
  reply?: (req: FakeChatRequest, index: number) => FakeReply;
  /** Dimensions of the deterministic fake embeddings. */
  embeddingDimensions?: number;
}

export interface FakeLlmServer {
  /** http://127.0.0.1:port (Ollama base URL). */
  url: string;
  /** http://127.0.0.1:port/v1 (OpenAI-compatible base URL). */
  openaiUrl: string;
  /** Every chat request received, in order. */
  chatRequests: FakeChatRequest[];
  /** Number of embedding inputs embedded so far. */
  embeddedTexts: number;
  setReply(reply: FakeLlmOptions["reply"]): void;
  close(): Promise<void>;
}

/** Deterministic bag-of-words vector, so similar texts get similar vectors. */
function fakeEmbedding(text: string, dims: number): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    let h = 2166136261;
    for (const ch of word) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
    v[Math.abs(h) % dims]! += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (data += c));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p: { text?: string }) => p.text ?? "").join("");
  return "";
}

function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFakeLlmServer(options: FakeLlmOptions = {}): Promise<FakeLlmServer> {
  const models = options.models ?? ["test-model"];
  const dims = options.embeddingDimensions ?? 32;
  let reply: NonNullable<FakeLlmOptions["reply"]> = options.reply ?? (() => ({ text: "Hej från den falska modellen." }));
  const sockets = new Set<Socket>();
  const state = { chatRequests: [] as FakeChatRequest[], embeddedTexts: 0 };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    try {
      if (req.method === "GET" && url.pathname === "/v1/models") {
        return send(200, { object: "list", data: models.map((id) => ({ id, object: "model", created: 0, owned_by: "fake" })) });
      }
      if (req.method === "GET" && url.pathname === "/api/tags") {
        return send(200, { models: models.map((name) => ({ name, model: name, modified_at: "2025-01-01T00:00:00Z", size: 1, digest: "x", details: {} })) });
      }
      const raw = await readBody(req);
      const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;

      if (req.method === "POST" && url.pathname === "/v1/embeddings") {
        const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
        state.embeddedTexts += input.length;
        const base64 = body.encoding_format === "base64";
        return send(200, {
          object: "list",
          model: body.model,
          data: input.map((t, index) => {
            const vec = fakeEmbedding(t, dims);
            return { object: "embedding", index, embedding: base64 ? Buffer.from(new Float32Array(vec).buffer).toString("base64") : vec };
          }),
          usage: { prompt_tokens: 1, total_tokens: 1 },
        });
      }
      if (req.method === "POST" && url.pathname === "/api/embed") {
        const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
        state.embeddedTexts += input.length;
        return send(200, { model: body.model, embeddings: input.map((t) => fakeEmbedding(t, dims)) });
      }

      const isOpenAi = req.method === "POST" && url.pathname === "/v1/chat/completions";
      const isOllama = req.method === "POST" && url.pathname === "/api/chat";
      if (!isOpenAi && !isOllama) return send(404, { error: `no route ${req.method} ${url.pathname}` });

      const model = String(body.model ?? "");
      const chat: FakeChatRequest = {
        path: url.pathname,
        protocol: isOpenAi ? "openai" : "ollama",
        // Ollama streams unless told not to; OpenAI only when asked.
        stream: isOpenAi ? body.stream === true : body.stream !== false,
        model,
        messages: ((body.messages as { role: string; content: unknown }[]) ?? []).map((m) => ({ role: m.role, content: contentText(m.content) })),
        body,
      };
      const index = state.chatRequests.length;
      state.chatRequests.push(chat);
      if (!models.includes(model)) {
        return isOpenAi
          ? send(404, { error: { message: `The model \`${model}\` does not exist.`, type: "invalid_request_error", code: "model_not_found" } })
          : send(404, { error: `model "${model}" not found, try pulling it first` });
      }

      const r = reply(chat, index);
      if ("hang" in r) return; // never answer; close() destroys the socket
      if ("destroy" in r) return req.socket.destroy();
      if ("status" in r) return send(r.status, r.body);
      if ("malformed" in r) {
        res.writeHead(200, { "content-type": chat.stream ? (isOpenAi ? "text/event-stream" : "application/x-ndjson") : "application/json" });
        return res.end(isOpenAi && chat.stream ? `data: ${r.malformed}\n\n` : `${r.malformed}\n`);
      }

      const pieces = r.chunks ?? words(r.text);
      const created = Math.floor(Date.now() / 1000);
      if (isOpenAi && !chat.stream) {
        return send(200, {
          id: `chatcmpl-${index}`,
          object: "chat.completion",
          created,
          model,
          choices: [{ index: 0, message: { role: "assistant", content: r.text }, finish_reason: "stop", logprobs: null }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        });
      }
      if (isOpenAi) {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
        const chunk = (delta: Record<string, unknown>, finish: string | null) =>
          `data: ${JSON.stringify({ id: `chatcmpl-${index}`, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
        res.write(chunk({ role: "assistant", content: "" }, null));
        for (const p of pieces) {
          if (r.delayMs) await sleep(r.delayMs);
          res.write(chunk({ content: p }, null));
        }
        res.write(chunk({}, "stop"));
        return res.end("data: [DONE]\n\n");
      }
      const at = new Date().toISOString();
      if (!chat.stream) {
        return send(200, { model, created_at: at, message: { role: "assistant", content: r.text }, done: true, done_reason: "stop", eval_count: 10, prompt_eval_count: 10 });
      }
      res.writeHead(200, { "content-type": "application/x-ndjson" });
      for (const p of pieces) {
        if (r.delayMs) await sleep(r.delayMs);
        res.write(`${JSON.stringify({ model, created_at: at, message: { role: "assistant", content: p }, done: false })}\n`);
      }
      res.end(
        `${JSON.stringify({ model, created_at: at, message: { role: "assistant", content: "" }, done: true, done_reason: "stop", total_duration: 1, load_duration: 1, prompt_eval_count: 10, prompt_eval_duration: 1, eval_count: 10, eval_duration: 1 })}\n`,
      );
    } catch (err) {
      if (!res.headersSent) send(500, { error: String(err) });
      else res.end();
    }
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    openaiUrl: `${url}/v1`,
    get chatRequests() {
      return state.chatRequests;
    },
    get embeddedTexts() {
      return state.embeddedTexts;
    },
    setReply(next) {
      reply = next ?? reply;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The source number whose <källa> block in the user message contains `needle` (case-insensitive), or null. */
export function sourceNumberContaining(req: FakeChatRequest, needle: string): number | null {
  const user = req.messages.filter((m) => m.role === "user").map((m) => m.content).join("\n");
  for (const m of user.matchAll(/<källa n="(\d+)"[^>]*>([\s\S]*?)<\/källa>/g)) {
    if (m[2]!.toLowerCase().includes(needle.toLowerCase())) return Number(m[1]);
  }
  return null;
}

/** A loopback port with nothing listening (connections are refused). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

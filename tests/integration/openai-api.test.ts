/**
 * The OpenAI-compatible API over a real listening server, called by a real
 * OpenAI client (LangChain's ChatOpenAI, the client front ends such as Open
 * WebUI speak the same protocol as) and by plain fetch for the wire format:
 * staff tokens as API keys, access groups, [n] markers and a sources list,
 * streaming in chat.completion.chunk events.
 */
import fs from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { ChatOpenAI } from "@langchain/openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSecurityFiles } from "../../src/access/index.js";
import { SOURCES_HEADING } from "../../src/server/routes/openai.js";
import { openSqliteStores, type Stores } from "../../src/store/index.js";
import { ACCESS_YAML, buildSecurityFixture, STAFF, type SecurityFixture } from "../helpers/security-app.js";

let fx: SecurityFixture;
let server: ServerType;
let base: string;
let stores: Stores;

beforeAll(async () => {
  fx = await buildSecurityFixture();
  const tokensFile = path.join(fx.dir, "tokens.json");
  const accessFile = path.join(fx.dir, "access.yml");
  await fs.writeFile(tokensFile, JSON.stringify(Object.values(STAFF)));
  await fs.writeFile(accessFile, ACCESS_YAML);
  const env = { AUTH_MODE: "token", AUTH_TOKENS_FILE: tokensFile, ACCESS_FILE: accessFile, PUBLIC_URL: "https://rutinsvar.kommun.example" };
  stores = openSqliteStores(":memory:");
  const app = fx.app(env, { ...loadSecurityFiles(fx.config(env).security), questions: stores.questions });
  server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await stores?.close();
  await fx?.cleanup();
});

const ORO = "Hur gör jag en orosanmälan?";

function client(token: string) {
  return new ChatOpenAI({ model: "rutinsvar", apiKey: token, configuration: { baseURL: `${base}/v1` }, maxRetries: 0 });
}

async function complete(token: string, body: Record<string, unknown>) {
  return fetch(`${base}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ model: "rutinsvar", ...body }) });
}

interface Completion {
  object: string;
  model: string;
  choices: { index: number; message: { role: string; content: string }; finish_reason: string }[];
  citations: { n: number; source: string; url: string }[];
  abstained: boolean;
}

/** The data payloads of a server-sent event stream. */
function dataLines(body: string): string[] {
  return [...body.matchAll(/^data: (.*)$/gm)].map((m) => m[1]!);
}

describe("GET /v1/models", () => {
  it("lists the rutinsvar model to a signed-in caller, 401 with a Bearer challenge otherwise", async () => {
    const ok = await fetch(`${base}/v1/models`, { headers: { authorization: `Bearer ${STAFF.ida.token}` } });
    expect(ok.status).toBe(200);
    const list = (await ok.json()) as { object: string; data: { id: string; object: string }[] };
    expect(list.object).toBe("list");
    expect(list.data.map((m) => [m.id, m.object])).toEqual([["rutinsvar", "model"]]);
    for (const headers of [{}, { authorization: "Bearer fel-nyckel-0123456789abcdef" }] as Record<string, string>[]) {
      const res = await fetch(`${base}/v1/models`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });
});

describe("POST /v1/chat/completions", () => {
  it("answers through an OpenAI client with [n] markers and a sources list with absolute links", async () => {
    const reply = await client(STAFF.ida.token).invoke([
      ["system", "Du är en hjälpsam assistent."],
      ["user", ORO],
    ]);
    const text = String(reply.content);
    expect(text).toMatch(/\[1\]/);
    const [answer, sources] = text.split(`\n\n${SOURCES_HEADING}\n`);
    expect(answer).toMatch(/\[1\]/);
    const lines = sources!.split("\n");
    expect(lines[0]).toMatch(/^- \[1\] .+ – https:\/\/rutinsvar\.kommun\.example\/api\/documents\/.+\/file/);
    for (const n of new Set([...answer!.matchAll(/\[(\d+)\]/g)].map((m) => m[1]))) expect(lines.some((l) => l.startsWith(`- [${n}] `))).toBe(true);
  });

  it("returns the OpenAI response shape with the citations alongside", async () => {
    const res = await complete(STAFF.ida.token, { messages: [{ role: "user", content: [{ type: "text", text: ORO }] }], temperature: 0.7, user: "x" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Completion;
    expect(body.object).toBe("chat.completion");
    expect(body.model).toBe("rutinsvar");
    expect(body.choices).toHaveLength(1);
    expect(body.choices[0]!.message.role).toBe("assistant");
    expect(body.choices[0]!.finish_reason).toBe("stop");
    expect(body.abstained).toBe(false);
    expect(body.citations[0]!.source).toMatch(/orosanmalan/);
    expect(body.citations[0]!.url).toMatch(/^https:\/\/rutinsvar\.kommun\.example\//);
  });

  it("streams chat.completion.chunk events that add up to the same answer, ending with [DONE]", async () => {
    const whole = ((await (await complete(STAFF.ida.token, { messages: [{ role: "user", content: ORO }] })).json()) as Completion).choices[0]!.message.content;
    const res = await complete(STAFF.ida.token, { stream: true, messages: [{ role: "user", content: ORO }] });
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const data = dataLines(await res.text());
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as { id: string; object: string; choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[] });
    expect(chunks.length).toBeGreaterThan(3);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");
    expect(chunks.slice(0, -1).every((c) => c.choices[0]!.finish_reason === null)).toBe(true);
    expect(chunks.map((c) => c.choices[0]!.delta.content ?? "").join("")).toBe(whole);

    let streamed = "";
    for await (const piece of await client(STAFF.ida.token).stream([["user", ORO]])) streamed += String(piece.content);
    expect(streamed).toBe(whole);
  });

  it("applies the caller's access groups: a routine of a collection they may not read is never cited", async () => {
    const ida = (await (await complete(STAFF.ida.token, { messages: [{ role: "user", content: ORO }] })).json()) as Completion;
    const erik = (await (await complete(STAFF.erik.token, { messages: [{ role: "user", content: ORO }] })).json()) as Completion;
    expect(ida.citations.some((c) => /orosanmalan/.test(c.source))).toBe(true);
    expect(erik.citations.some((c) => /orosanmalan/.test(c.source))).toBe(false);
    expect(erik.choices[0]!.message.content).not.toMatch(/orosanmalan/);
    const denied = await complete("", { messages: [{ role: "user", content: ORO }] });
    expect(denied.status).toBe(401);
  });

  it("answers 'not in the routines' without sources, and warns about personal data, logging the question masked", async () => {
    const none = (await (await complete(STAFF.ida.token, { messages: [{ role: "user", content: "Vilka regler gäller för parkering av tjänstebilar vid rådhuset på helgerna?" }] })).json()) as Completion;
    expect(none.abstained).toBe(true);
    expect(none.choices[0]!.message.content).toBe("Det framgår inte av de rutiner jag har tillgång till.");
    const pii = (await (await complete(STAFF.ida.token, { messages: [{ role: "user", content: "Hur gör jag en orosanmälan för barnet 811218-9876?" }] })).json()) as Completion;
    expect(pii.choices[0]!.message.content).toContain("Skriv inte personuppgifter i frågan.");
    expect(JSON.stringify(pii)).not.toContain("811218-9876");
    const logged = (await stores.questions.list({ limit: 1 }))[0]!;
    expect(logged.userId).toBe("ida");
    expect(logged.question).toBe("Hur gör jag en orosanmälan för barnet [personnummer]?");
  });

  it("uses earlier turns as history and drops the sources list it appended to them", async () => {
    const first = ((await (await complete(STAFF.ida.token, { messages: [{ role: "user", content: ORO }] })).json()) as Completion).choices[0]!.message.content;
    const res = await complete(STAFF.ida.token, {
      messages: [
        { role: "user", content: ORO },
        { role: "assistant", content: first },
        { role: "user", content: "Vem ska jag kontakta då?" },
      ],
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Completion).choices[0]!.message.content.length).toBeGreaterThan(0);
  });

  it("refuses an unknown model, a conversation without a user message and a malformed body", async () => {
    const unknown = await fetch(`${base}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${STAFF.ida.token}` }, body: JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: ORO }] }) });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string; type: string } }).error).toMatchObject({ code: "model_not_found", type: "invalid_request_error" });
    const noUser = await complete(STAFF.ida.token, { messages: [{ role: "system", content: "Hej" }] });
    expect(noUser.status).toBe(400);
    const empty = await complete(STAFF.ida.token, { messages: [] });
    expect(empty.status).toBe(400);
    const tooLong = await complete(STAFF.ida.token, { messages: [{ role: "user", content: "x".repeat(2001) }] });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: { message: string } }).error.message).toMatch(/för lång/);
  });
});

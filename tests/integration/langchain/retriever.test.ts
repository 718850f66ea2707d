/**
 * Rutinsvar's retrieval as a LangChain BaseRetriever and as a tool for a
 * LangChain agent (createAgent from the `langchain` package), over a real
 * index: same passages as the chat, access groups applied, personal data
 * removed from the query.
 */
import { Document } from "@langchain/core/documents";
import { RunnableLambda } from "@langchain/core/runnables";
import { BaseRetriever } from "@langchain/core/retrievers";
import { createAgent, FakeToolCallingModel, ToolMessage } from "langchain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAccessPolicy } from "../../../src/access/access-policy.js";
import type { AskRequest } from "../../../src/core/schemas.js";
import { formatPassages, RutinsvarRetriever, rutinsvarSearchTool } from "../../../src/langchain/retriever.js";
import type { AnswerService } from "../../../src/query/answer.js";
import { ACCESS_YAML, buildSecurityFixture, type SecurityFixture } from "../../helpers/security-app.js";

let fx: SecurityFixture;
beforeAll(async () => {
  fx = await buildSecurityFixture();
});
afterAll(async () => fx?.cleanup());

const ORO = "Hur gör jag en orosanmälan?";

describe("RutinsvarRetriever", () => {
  it("is a LangChain BaseRetriever returning the chat's passages as Documents with citation metadata", async () => {
    const retriever = new RutinsvarRetriever({ answers: () => fx.service, k: 3 });
    expect(retriever).toBeInstanceOf(BaseRetriever);
    const docs = await retriever.invoke(ORO);
    expect(docs).toHaveLength(3);
    expect(docs[0]).toBeInstanceOf(Document);
    const viaChat = (await fx.service.ask({ question: ORO, options: { topK: 3, includeRetrieved: true } })).retrieved!.slice(0, 3);
    expect(docs.map((d) => d.id)).toEqual(viaChat.map((p) => p.chunkId));
    for (const d of docs) {
      const chunk = fx.service.index.getChunk(d.metadata.chunkId)!;
      expect(d.pageContent).toBe(chunk.text);
      expect(d.metadata).toMatchObject({ documentId: chunk.documentId, source: chunk.source, title: chunk.title, page: chunk.page });
      expect(d.metadata.url).toContain(`/api/documents/${chunk.documentId}/file`);
    }
    expect(docs[0]!.metadata.source).toMatch(/orosanmalan/);
  });

  it("composes like any runnable (batch, pipe)", async () => {
    const retriever = new RutinsvarRetriever({ answers: () => fx.service, k: 2 });
    const chain = retriever.pipe(RunnableLambda.from(formatPassages));
    const [oro, tolk] = await chain.batch([ORO, "Hur bokar jag tolk?"]);
    expect(oro).toMatch(/^\[1\] .*orosanmalan/m);
    expect(tolk).toMatch(/^\[1\] .*tolk/im);
  });

  it("applies the access groups before ranking: a collection the user may not read is never returned", async () => {
    const access = parseAccessPolicy(ACCESS_YAML, "access.yml");
    const asIda = await new RutinsvarRetriever({ answers: () => fx.service, k: 8, access, user: { id: "ida", groups: ["ifo"] } }).invoke(ORO);
    const asErik = await new RutinsvarRetriever({ answers: () => fx.service, k: 8, access, user: { id: "erik", groups: ["ekonomi"] } }).invoke(ORO);
    expect(asIda.some((d) => /orosanmalan/.test(d.metadata.source))).toBe(true);
    expect(asErik.some((d) => /orosanmalan/.test(d.metadata.source))).toBe(false);
    const anonymous = await new RutinsvarRetriever({ answers: () => fx.service, access }).invoke(ORO);
    expect(anonymous).toEqual([]);
  });

  it("removes personal data from the query before it is searched (or embedded by a remote model)", async () => {
    const seen: AskRequest[] = [];
    const spy: AnswerService = Object.assign(Object.create(fx.service) as AnswerService, {
      ask: (request: AskRequest) => {
        seen.push(request);
        return fx.service.ask(request);
      },
    });
    await new RutinsvarRetriever({ answers: () => spy }).invoke("Orosanmälan för barnet 811218-9876, hur?");
    expect(seen).toHaveLength(1);
    expect(seen[0]!.question).not.toContain("811218-9876");
    expect(seen[0]!.question).toMatch(/Orosanmälan för barnet/);
  });
});

describe("rutinsvarSearchTool in a LangChain agent", () => {
  it("lets an agent search the routines and get numbered passages to cite", async () => {
    const retriever = new RutinsvarRetriever({ answers: () => fx.service, k: 2 });
    const model = new FakeToolCallingModel({ toolCalls: [[{ name: "sok_i_rutiner", args: { query: "orosanmälan" }, id: "call-1" }], []] });
    const agent = createAgent({ model, tools: [rutinsvarSearchTool(retriever)] });
    const result = await agent.invoke({ messages: [{ role: "user", content: ORO }] });
    const toolResult = result.messages.find((m) => ToolMessage.isInstance(m));
    expect(toolResult).toBeDefined();
    const text = String(toolResult!.content);
    expect(text).toMatch(/^\[1\] .*\(.*orosanmalan/m);
    expect(text).toMatch(/^\[2\] /m);
  });
});

/**
 * Access groups over the fixture corpus: two members of staff in different
 * groups (and one in none), every route that returns document content.
 * Collections: orosanmalan.md → "barn-och-unga" (front matter; ifo),
 * ekonomiskt-bistand.pdf → "ekonomiskt-bistand" (sidecar; ekonomi),
 * gemensamt/ → "gemensamt" and root files → "allmänt" (both).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectionOf, mayRead, parseAccessPolicy, type AccessPolicy } from "../../src/access/access-policy.js";
import { loadSecurityFiles } from "../../src/access/index.js";
import type { Answer } from "../../src/core/schemas.js";
import { ACCESS_YAML, bearer, buildSecurityFixture, postJson, STAFF, type SecurityFixture } from "../helpers/security-app.js";

let fx: SecurityFixture;
let app: ReturnType<SecurityFixture["app"]>;
let policy: AccessPolicy;

const QUESTIONS = [
  "Hur gör jag en orosanmälan?",
  "Vad gäller för ekonomiskt bistånd?",
  "Hur räknas försörjningsstöd ut?",
  "När gäller sekretess inom socialtjänsten?",
  "Hur bokar jag tolk?",
  "Vem beslutar om omedelbart omhändertagande enligt LVU?",
];

beforeAll(async () => {
  fx = await buildSecurityFixture();
  // Real files, loaded the way src/main.ts loads them.
  const tokensFile = path.join(fx.dir, "tokens.json");
  const accessFile = path.join(fx.dir, "access.yml");
  await fs.writeFile(tokensFile, JSON.stringify(Object.values(STAFF)));
  await fs.writeFile(accessFile, ACCESS_YAML);
  const env = { AUTH_MODE: "token", AUTH_TOKENS_FILE: tokensFile, ACCESS_FILE: accessFile };
  const files = loadSecurityFiles(fx.config(env).security);
  policy = files.access!;
  app = fx.app(env, files);
});
afterAll(async () => fx?.cleanup());

function collectionOfId(documentId: string): string {
  return collectionOf(fx.service.index.getDocument(documentId)!);
}

function readable(user: keyof typeof STAFF, documentId: string): boolean {
  return mayRead(policy, STAFF[user].groups, collectionOfId(documentId));
}

async function ask(user: keyof typeof STAFF, question: string): Promise<Answer> {
  const res = await postJson(app, "/api/ask", { question, options: { includeRetrieved: true, topK: 20 } }, bearer(STAFF[user]));
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

describe("collections of the fixture corpus", () => {
  it("are the top folder, the metadata value, or allmänt for root files", () => {
    const bySource = Object.fromEntries(fx.service.index.manifest.documents.map((d) => [d.source, collectionOf(d)]));
    expect(bySource["orosanmalan.md"]).toBe("barn-och-unga");
    expect(bySource["tolk.txt"]).toBe("allmänt");
    expect(bySource["ekonomiskt-bistand.pdf"]).toBe("ekonomiskt-bistand");
    expect(bySource["gemensamt/sekretess.html"]).toBe("gemensamt");
  });
});

describe("POST /api/ask filters before ranking", () => {
  it.each(["ida", "erik", "nils"] as const)("%s never receives content from a collection they may not read (answer, citations, retrieved)", async (user) => {
    for (const q of QUESTIONS) {
      const a = await ask(user, q);
      for (const c of a.citations) expect(readable(user, c.documentId), `${user}: ${q} cited ${c.source}`).toBe(true);
      for (const r of a.retrieved ?? []) expect(readable(user, r.documentId), `${user}: ${q} retrieved ${r.source}`).toBe(true);
      for (const doc of fx.service.index.manifest.documents.filter((d) => !readable(user, d.id))) {
        for (const chunk of fx.service.index.chunks.filter((c) => c.documentId === doc.id)) {
          const sentence = chunk.text.slice(0, 60);
          if (sentence.length > 30) expect(a.answer).not.toContain(sentence);
        }
      }
    }
  });

  it("still answers from the user's own collections (the filter is applied before the top-k cut)", async () => {
    const erik = await ask("erik", "Vad gäller för ekonomiskt bistånd?");
    expect(erik.abstained).toBe(false);
    expect(erik.citations.some((c) => c.source === "ekonomiskt-bistand.pdf")).toBe(true);
    const ida = await ask("ida", "Hur gör jag en orosanmälan?");
    expect(ida.citations[0]!.source).toBe("orosanmalan.md");
    const erikOnIdas = await ask("erik", "Hur gör jag en orosanmälan?");
    expect(erikOnIdas.citations.some((c) => c.source === "orosanmalan.md")).toBe(false);
  });

  it("a user without groups gets no content at all", async () => {
    for (const q of QUESTIONS) {
      const a = await ask("nils", q);
      expect(a.abstained).toBe(true);
      expect(a.citations).toEqual([]);
      expect(a.retrieved ?? []).toEqual([]);
    }
  });

  it("filters the streamed answer too", async () => {
    const res = await postJson(app, "/api/ask", { question: "Vad gäller för ekonomiskt bistånd?", options: { includeRetrieved: true } }, { ...bearer(STAFF.ida), accept: "text/event-stream" });
    const body = await res.text();
    const done = JSON.parse(body.split("event: done\ndata: ")[1]!.split("\n")[0]!) as Answer;
    for (const c of done.citations) expect(readable("ida", c.documentId)).toBe(true);
    for (const r of done.retrieved ?? []) expect(readable("ida", r.documentId)).toBe(true);
    expect(body).not.toContain("ekonomiskt-bistand.pdf");
  });
});

describe("GET /api/sources/:chunkId and GET /api/documents/:id/file", () => {
  it.each(["ida", "erik", "nils"] as const)("%s gets 200 for readable and the same 404 as for a missing id otherwise", async (user) => {
    const missing = (await (await app.request("/api/sources/finns-inte", { headers: bearer(STAFF[user]) })).json()) as { error: { code: string } };
    for (const chunk of fx.service.index.chunks) {
      const res = await app.request(`/api/sources/${encodeURIComponent(chunk.id)}`, { headers: bearer(STAFF[user]) });
      if (readable(user, chunk.documentId)) {
        expect(res.status).toBe(200);
        expect(((await res.json()) as { text: string }).text).toBe(chunk.text);
      } else {
        expect(res.status).toBe(404);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe(missing.error.code);
        expect(JSON.stringify(body)).not.toContain(chunk.text.slice(0, 20));
      }
    }
    for (const doc of fx.service.index.manifest.documents) {
      const res = await app.request(`/api/documents/${doc.id}/file`, { headers: bearer(STAFF[user]) });
      expect(res.status, `${user} ${doc.source}`).toBe(readable(user, doc.id) ? 200 : 404);
      if (res.status === 404) expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
  });

  it("each user can read some and not all documents", () => {
    const docs = fx.service.index.manifest.documents;
    for (const user of ["ida", "erik"] as const) {
      expect(docs.some((d) => readable(user, d.id))).toBe(true);
      expect(docs.some((d) => !readable(user, d.id))).toBe(true);
    }
  });
});

describe("every chat route requires sign-in in token mode", () => {
  it.each([
    ["POST", "/api/ask"],
    ["POST", "/api/feedback"],
    ["GET", "/api/sources/x"],
    ["GET", "/api/documents/x/file"],
    ["GET", "/auth/me"],
  ])("%s %s answers 401 without a token", async (method, url) => {
    const res = await app.request(url, { method, headers: { "content-type": "application/json" }, ...(method === "POST" ? { body: JSON.stringify({ question: "Hur gör jag en orosanmälan?" }) } : {}) });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe("unauthorized");
    expect(body.error.message).toMatch(/Inloggning krävs/);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });
});

describe("access policy rules", () => {
  it("uses default for unlisted collections and treats * and alla as everyone", () => {
    const p = parseAccessPolicy(`{"collections": {"barn-och-unga": ["ifo-barn", "ledning"], "öppet": ["alla"]}, "default": ["*"]}`);
    expect(mayRead(p, ["ifo-barn"], "barn-och-unga")).toBe(true);
    expect(mayRead(p, ["ekonomi"], "barn-och-unga")).toBe(false);
    expect(mayRead(p, [], "öppet")).toBe(true);
    expect(mayRead(p, [], "något-annat")).toBe(true);
    expect(mayRead(parseAccessPolicy("collections: {}"), ["x"], "något")).toBe(false);
    expect(mayRead(p, ["ifo-barn"], "toString")).toBe(true); // not an inherited property: falls to default
  });

  it("rejects a malformed access file naming the field", () => {
    expect(() => parseAccessPolicy("collections: {a: [1]}", "access.yml")).toThrow(/access\.yml: collections\.a\.0/);
    expect(() => parseAccessPolicy("collection: {}", "access.yml")).toThrow(/access\.yml/);
    expect(() => parseAccessPolicy("collections: [", "access.yml")).toThrow(/YAML/);
  });
});

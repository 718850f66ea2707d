import { describe, expect, it } from "vitest";
import { describeEachStore, postJson, useFixtureApp } from "../helpers/fixture-index.js";
import type { Answer } from "../../src/core/schemas.js";

await describeEachStore("API", (store) => {
  const fx = useFixtureApp(store);

  async function ask(question: string, extra: Record<string, unknown> = {}): Promise<Answer> {
    const res = await postJson(fx().app, "/api/ask", { question, ...extra });
    expect(res.status).toBe(200);
    return (await res.json()) as Answer;
  }

  describe("POST /api/ask", () => {
    it("answers a routine question with verbatim citations", async () => {
      const a = await ask("Hur gör jag en orosanmälan?", { options: { includeRetrieved: true } });
      expect(a.abstained).toBe(false);
      expect(a.citations.length).toBeGreaterThan(0);
      expect(a.answer).toMatch(/\[1\]/);
      for (const c of a.citations) {
        const chunk = fx().service.index.getChunk(c.chunkId)!;
        expect(chunk.text).toContain(c.quote);
        expect(c.source).toBe(chunk.source);
        expect(c.url).toContain(`/api/documents/${c.documentId}/file`);
      }
      expect(a.citations[0]!.source).toMatch(/orosanmalan/);
      expect(a.retrieved!.length).toBeGreaterThan(0);
    });

    it("abstains on a question the routines do not cover", async () => {
      const a = await ask("Vilka regler gäller för parkering av tjänstebilar vid rådhuset på helgerna?");
      expect(a.abstained).toBe(true);
      expect(a.citations).toEqual([]);
      expect(a.answer).toBe("Det framgår inte av de rutiner jag har tillgång till.");
    });

    it("rejects an empty or oversized question with a Swedish 400 envelope", async () => {
      for (const question of ["", "   ", "x".repeat(2001)]) {
        const res = await postJson(fx().app, "/api/ask", { question });
        expect(res.status).toBe(400);
        const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
        expect(body.error.code).toBe("invalid_request");
        expect(body.error.message).toMatch(/Frågan är (tom|för lång)/);
        expect(body.error.requestId).not.toBe("");
      }
    });

    it("rejects malformed JSON with the envelope", async () => {
      const res = await postJson(fx().app, "/api/ask", "{not json");
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/kunde inte läsas/);
    });

    it("streams server-sent events ending with the full answer", async () => {
      const res = await postJson(fx().app, "/api/ask", { question: "Hur gör jag en orosanmälan?" }, { accept: "text/event-stream" });
      expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
      const body = await res.text();
      const events = [...body.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
      expect(events[0]).toBe("token");
      expect(events.slice(-2)).toEqual(["citations", "done"]);
      const done = body.split("event: done\ndata: ")[1]!.split("\n")[0]!;
      const answer = JSON.parse(done) as Answer;
      const tokens = [...body.matchAll(/^event: token\ndata: (.*)$/gm)].map((m) => (JSON.parse(m[1]!) as { text: string }).text).join("");
      expect(tokens).toBe(answer.answer);
    });
  });

  describe("sources and documents", () => {
    it("returns a cited chunk with its context, and 404 for an unknown id", async () => {
      const a = await ask("Hur gör jag en orosanmälan?");
      const c = a.citations[0]!;
      const res = await fx().app.request(`/api/sources/${c.chunkId}`);
      expect(res.status).toBe(200);
      const src = (await res.json()) as { text: string; title: string; source: string };
      expect(src.text).toContain(c.quote);
      expect(src.title).toBe(c.title);
      const missing = await fx().app.request("/api/sources/finns-inte");
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
    });

    it("serves the original file with its content type", async () => {
      const pdf = fx().service.index.manifest.documents.find((d) => d.format === "pdf")!;
      const res = await fx().app.request(`/api/documents/${pdf.id}/file`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
      expect((await fx().app.request("/api/documents/nope/file")).status).toBe(404);
    });

    it("reports health with counts", async () => {
      const res = await fx().app.request("/api/health");
      const h = (await res.json()) as { status: string; documents: number; chunks: number };
      expect(h.status).toBe("ok");
      expect(h.documents).toBe(fx().summary.documents);
      expect(h.chunks).toBe(fx().summary.chunks);
    });

    it("serves the chat page with a strict CSP", async () => {
      const res = await fx().app.request("/");
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/<html[^>]*lang="sv"/);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
    });
  });
});

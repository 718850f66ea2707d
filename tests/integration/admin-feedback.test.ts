import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvCell } from "../../src/store/feedback.js";
import { buildAdminApp, type AdminApp } from "../helpers/admin-app.js";
import { postJson } from "../helpers/fixture-index.js";

let fx: AdminApp;
beforeAll(async () => {
  fx = await buildAdminApp();
});
afterAll(async () => fx?.cleanup());

type Entry = { id: string; rating: string; question: string; comment?: string; citations: { chunkId: string; source: string }[] };

describe("feedback on answers", () => {
  it("stores feedback (201 {id}) and lists thumbs down first", async () => {
    const answer = await fx.ask("Hur gör jag en orosanmälan?");
    const citations = answer.citations.map((c) => ({ chunkId: c.chunkId, source: c.source }));
    const up = await postJson(fx.app, "/api/feedback", { question: "Hur gör jag en orosanmälan?", answer: answer.answer, rating: "up", citations });
    expect(up.status).toBe(201);
    const down = await postJson(fx.app, "/api/feedback", {
      question: "Vem beslutar om bistånd?",
      answer: "Det framgår inte av de rutiner jag har tillgång till.",
      rating: "down",
      comment: "Svaret borde ha hittat delegationsordningen.",
      citations: [],
    });
    expect(down.status).toBe(201);
    const { id } = (await down.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const res = await fx.admin("/api/admin/feedback");
    const body = (await res.json()) as { entries: Entry[]; counts: { up: number; down: number } };
    expect(body.counts).toEqual({ up: 1, down: 1 });
    expect(body.entries[0]).toMatchObject({ id, rating: "down", comment: "Svaret borde ha hittat delegationsordningen." });
    expect(body.entries[1]!.citations).toEqual(citations);
    expect((await fx.app.request("/api/admin/feedback")).status).toBe(401);
  });

  it("rejects invalid feedback with the Swedish 400 envelope", async () => {
    for (const bad of [{ question: "x", answer: "y", rating: "meh" }, { answer: "y", rating: "up" }, { question: "x", answer: "y", rating: "up", comment: "k".repeat(2001) }]) {
      const res = await postJson(fx.app, "/api/feedback", bad);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    }
  });

  it("exports CSV with proper quoting and formula-injection guard", async () => {
    await postJson(fx.app, "/api/feedback", {
      question: '=HYPERLINK("http://x","klicka")',
      answer: 'Svar med "citat", komma\noch radbrytning',
      rating: "down",
      comment: "@SUM(A1)",
      citations: [],
    });
    const res = await fx.admin("/api/admin/feedback.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="rutinsvar-aterkoppling-/);
    // res.text() would strip the BOM that tells Excel the file is UTF-8.
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(csv.startsWith("\uFEFF\"id\",\"tid\",\"betyg\",\"fråga\"")).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""klicka"")"`);
    expect(csv).toContain(`"Svar med ""citat"", komma\noch radbrytning"`);
    expect(csv).toContain(`"'@SUM(A1)"`);
    expect(csv).not.toMatch(/(^|,)"[=+\-@]/m);
  });

  it("neutralises every formula trigger in a cell", () => {
    expect(csvCell("=1+1")).toBe(`"'=1+1"`);
    expect(csvCell("+46 70")).toBe(`"'+46 70"`);
    expect(csvCell("-2")).toBe(`"'-2"`);
    expect(csvCell("@x")).toBe(`"'@x"`);
    expect(csvCell("vanlig text")).toBe(`"vanlig text"`);
    expect(csvCell(null)).toBe(`""`);
  });
});

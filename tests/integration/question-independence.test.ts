/**
 * Issue 19 over the real API and pipeline (fixture corpus):
 * - personal data in a question (personnummer, also with a wrong check digit,
 *   phone number, e-mail address) does not reach retrieval: the retrieved
 *   chunks are the same as for the question without it, the notice stays and
 *   the question log holds the mask;
 * - a standalone question after an unrelated turn retrieves the same as when
 *   asked alone, while a real follow-up still uses the conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/schemas.js";
import { PII_WARNING } from "../../src/privacy/pii.js";
import { buildAdminApp, type AdminApp } from "../helpers/admin-app.js";

let fx: AdminApp;
beforeAll(async () => {
  fx = await buildAdminApp();
});
afterAll(async () => fx?.cleanup());

async function ask(question: string, history: string[] = []): Promise<Answer> {
  const res = await fx.app.request("/api/ask", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question, history: history.map((content) => ({ role: "user", content })), options: { includeRetrieved: true } }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}
const ids = (a: Answer) => (a.retrieved ?? []).map((p) => p.chunkId);

describe("personal data is out of retrieval", () => {
  it.each([
    ["personnummer", "Hur gör jag en orosanmälan för barnet 120101-1234?", "Hur gör jag en orosanmälan för barnet?"],
    ["personnummer with a wrong check digit", "Hur gör jag en orosanmälan för barnet 19120101-1235?", "Hur gör jag en orosanmälan för barnet?"],
    ["phone number", "Hur gör jag en orosanmälan, mamman har 070-123 45 67?", "Hur gör jag en orosanmälan, mamman har?"],
    ["e-mail address", "Hur gör jag en orosanmälan om anna.svensson@example.se?", "Hur gör jag en orosanmälan om?"],
  ])("%s: the same chunks as without it, the notice, a masked log", async (_kind, withData, without) => {
    const a = await ask(withData);
    const b = await ask(without);
    expect(ids(a).length).toBeGreaterThan(0);
    expect(ids(a)).toEqual(ids(b));
    expect(a.piiWarning).toBe(PII_WARNING);
    expect(b.piiWarning).toBeUndefined();
    const [logged] = await fx.backend.stores.questions.list({ limit: 1_000 }).then((l) => l.filter((e) => e.hadPersonalData).slice(-1));
    expect(logged!.question).toMatch(/\[(personnummer|telefonnummer|e-postadress)\]/);
    expect(logged!.question).not.toMatch(/\d{4}|@example/);
  });
});

describe("follow-ups only when needed", () => {
  it("a standalone question after an unrelated turn retrieves the same as alone", async () => {
    for (const [earlier, question] of [
      ["Hur beställer jag tolk?", "Hur gör jag en orosanmälan?"],
      ["Vad gäller för ekonomiskt bistånd?", "Vilka uppgifter omfattas av sekretess?"],
    ] as const) {
      expect(ids(await ask(question, [earlier])), `${question} after ${earlier}`).toEqual(ids(await ask(question)));
    }
  });

  it("a real follow-up still uses the conversation", async () => {
    const alone = await ask("Och vem tar emot den efter kontorstid?");
    const followUp = await ask("Och vem tar emot den efter kontorstid?", ["Hur gör jag en orosanmälan?"]);
    expect(ids(followUp)).not.toEqual(ids(alone));
    expect(followUp.citations.some((c) => c.source === "orosanmalan.md")).toBe(true);
  });
});

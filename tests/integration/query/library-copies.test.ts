import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../../src/core/schemas.js";
import { buildFixtureApp, postJson, tempDir, type FixtureApp } from "../../helpers/fixture-index.js";

/** A routine library as municipalities keep it: one routine copied into two units' folders, each with its control block. */
const routine = (unit: string) => `---
title: "Brukare öppnar inte dörren"
source_url: "https://example.org/${encodeURIComponent(unit)}/dorr.pdf"
---

Vård- och omsorgsförvaltningen

Dokumentet är beslutat av: Verksamhetschef ${unit} Dokumentet beslutades den: 2024-05-02

Dokumentet gäller tillsvidare (max till 2020-01-01)

Dokumentansvarig är: Verksamhetsutvecklare ${unit}

# RUTIN

## Utförande

Om brukaren inte öppnar dörren vid besöket ska du först ringa brukaren. Svarar brukaren inte kontaktar du anhöriga och därefter ansvarig chef. Dokumentera förloppet i journalen.
`;

describe("a library with copies of one routine in several units", () => {
  let fx: FixtureApp;
  let corpus: string;
  beforeAll(async () => {
    corpus = await tempDir("rutinsvar-library-");
    for (const unit of ["Hemtjänst", "Gruppbostad"]) {
      await fs.mkdir(path.join(corpus, unit));
      await fs.writeFile(path.join(corpus, unit, "dorr.md"), routine(unit));
    }
    await fs.writeFile(path.join(corpus, "Hemtjänst", "nycklar.md"), "# Nyckelhantering\n\nBrukarens nycklar förvaras i det låsta nyckelskåpet och kvitteras ut.\n");
    fx = await buildFixtureApp(corpus);
  });
  afterAll(async () => {
    await fx.cleanup();
    await fs.rm(corpus, { recursive: true, force: true });
  });

  it("cites one copy and names the other unit's copy in alsoIn, never the same passage twice", async () => {
    const res = await postJson(fx.app, "/api/ask", { question: "Brukaren öppnar inte dörren, vad gör jag?", options: { includeRetrieved: true } });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Answer;
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain("ringa brukaren");
    const quoted = answer.citations.map((c) => c.quote);
    expect(new Set(quoted).size).toBe(quoted.length);
    const cited = answer.citations[0]!;
    expect(cited.alsoIn).toHaveLength(1);
    expect([cited.source, cited.alsoIn![0]!.source].sort()).toEqual(["Gruppbostad/dorr.md", "Hemtjänst/dorr.md"]);
    // The retrieved list holds the passage once, not once per unit.
    const steps = (answer.retrieved ?? []).filter((p) => p.text.includes("ringa brukaren"));
    expect(steps).toHaveLength(1);
  });

  it("keeps the control block out of the passages and reads it into the document's metadata", async () => {
    for (const chunk of fx.service.index.chunks) expect(chunk.text).not.toMatch(/Dokumentet är beslutat av|Dokumentansvarig/);
    const doc = fx.service.index.manifest.documents.find((d) => d.source === "Gruppbostad/dorr.md")!;
    expect(doc.metadata).toMatchObject({
      adoptedBy: "Verksamhetschef Gruppbostad",
      adoptedOn: "2024-05-02",
      owner: "Verksamhetsutvecklare Gruppbostad",
      reviewBy: "2020-01-01",
      sourceUrl: "https://example.org/Gruppbostad/dorr.pdf",
    });
  });

  it("uses the control block's valid-until date for the stale-routine notice", async () => {
    const res = await postJson(fx.app, "/api/ask", { question: "Brukaren öppnar inte dörren, vad gör jag?" });
    const answer = (await res.json()) as Answer;
    expect(answer.notices.some((n) => n.includes("skulle ha reviderats 2020-01-01"))).toBe(true);
  });
});

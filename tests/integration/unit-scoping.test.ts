/**
 * Unit scoping (issue 15) over a tiny library: one routine copied word for
 * word into two units' folders, plus a routine only one unit has.
 * `options.unit` decides whose copy is cited, `options.collections` narrows
 * the search, access groups still apply on top, and every citation names its
 * unit and its document's control metadata.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAccessPolicy } from "../../src/access/access-policy.js";
import type { Answer } from "../../src/core/schemas.js";
import { createApp } from "../../src/server/app.js";
import { buildFixtureApp, postJson, tempDir, type FixtureApp } from "../helpers/fixture-index.js";

const routine = (unit: string) => `---
title: "Brukare öppnar inte dörren"
source_url: "https://example.org/${encodeURIComponent(unit)}/dorr.pdf"
---

Vård- och omsorgsförvaltningen

Dokumentet är beslutat av: Verksamhetschef ${unit} Dokumentet beslutades den: 2024-05-02

Dokumentet uppdaterat: 2025-01-15

Dokumentet gäller tillsvidare

Dokumentansvarig är: Verksamhetsutvecklare ${unit}

# RUTIN

## Utförande

Om brukaren inte öppnar dörren vid besöket ska du först ringa brukaren. Svarar brukaren inte kontaktar du anhöriga och därefter ansvarig chef. Dokumentera förloppet i journalen.
`;

const QUESTION = "Brukaren öppnar inte dörren, vad gör jag?";
const KEYS = "Var förvaras brukarens nycklar?";

describe("unit scoping of questions", () => {
  let fx: FixtureApp;
  let corpus: string;
  const ask = async (body: Record<string, unknown>, app: { request: FixtureApp["app"]["request"] } = fx.app) => {
    const res = await postJson(app as FixtureApp["app"], "/api/ask", body);
    return { status: res.status, body: (await res.json()) as Answer & { error?: { message: string } } };
  };

  beforeAll(async () => {
    corpus = await tempDir("rutinsvar-units-");
    for (const unit of ["Hemtjänst", "Gruppbostad"]) {
      await fs.mkdir(path.join(corpus, unit));
      await fs.writeFile(path.join(corpus, unit, "dorr.md"), routine(unit));
    }
    await fs.writeFile(
      path.join(corpus, "Gruppbostad", "nycklar.md"),
      "# Nyckelhantering\n\nBrukarens nycklar förvaras i det låsta nyckelskåpet på gruppbostaden och kvitteras ut vid varje pass.\n",
    );
    fx = await buildFixtureApp(corpus);
  });
  afterAll(async () => {
    await fx.cleanup();
    await fs.rm(corpus, { recursive: true, force: true });
  });

  it("cites the reader's own unit's copy first, whichever unit that is, and names the other copy with its unit", async () => {
    for (const [unit, other] of [
      ["Gruppbostad", "Hemtjänst"],
      ["Hemtjänst", "Gruppbostad"],
    ] as const) {
      const { status, body } = await ask({ question: QUESTION, options: { unit } });
      expect(status).toBe(200);
      expect(body.abstained).toBe(false);
      const first = body.citations[0]!;
      expect(first.source).toBe(`${unit}/dorr.md`);
      expect(first.collection).toBe(unit);
      expect(first.alsoIn).toEqual([expect.objectContaining({ source: `${other}/dorr.md`, collection: other })]);
      // Every citation of the passage is the unit's own copy.
      expect(body.citations.filter((c) => c.title === "Brukare öppnar inte dörren").every((c) => c.collection === unit)).toBe(true);
    }
  });

  it("gives each citation its document's unit, owner, dates and published original", async () => {
    const { body } = await ask({ question: QUESTION, options: { unit: "Gruppbostad" } });
    expect(body.citations[0]).toMatchObject({
      collection: "Gruppbostad",
      owner: "Verksamhetsutvecklare Gruppbostad",
      updatedOn: "2025-01-15",
      validUntil: "tillsvidare",
      sourceUrl: "https://example.org/Gruppbostad/dorr.pdf",
    });
  });

  it("searches only the chosen collections", async () => {
    const everywhere = await ask({ question: KEYS });
    expect(everywhere.body.citations.some((c) => c.source === "Gruppbostad/nycklar.md")).toBe(true);
    const scoped = await ask({ question: KEYS, options: { collections: ["Hemtjänst"], includeRetrieved: true } });
    expect(scoped.status).toBe(200);
    expect(scoped.body.citations.every((c) => c.collection === "Hemtjänst")).toBe(true);
    expect((scoped.body.retrieved ?? []).every((r) => r.source.startsWith("Hemtjänst/"))).toBe(true);
    // Within the scope, copies elsewhere are not offered either.
    const door = await ask({ question: QUESTION, options: { collections: ["Hemtjänst"] } });
    expect(door.body.citations[0]!.source).toBe("Hemtjänst/dorr.md");
    expect(door.body.citations[0]!.alsoIn).toBeUndefined();
  });

  it("refuses an unknown collection or unit with 400 naming the valid ones", async () => {
    for (const options of [{ collections: ["Hemtjänst", "Hemtjenst"] }, { unit: "Okänd enhet" }]) {
      const { status, body } = await ask({ question: QUESTION, options });
      expect(status).toBe(400);
      expect(body.error!.message).toContain("Okänd enhet");
      expect(body.error!.message).toContain("Giltiga enheter: Gruppbostad, Hemtjänst.");
    }
  });

  it("lists the collections with their document counts", async () => {
    const res = await fx.app.request("/api/collections");
    expect(await res.json()).toEqual({ collections: [{ name: "Gruppbostad", documents: 2 }, { name: "Hemtjänst", documents: 1 }] });
  });

  it("keeps access groups on top: a unit the user may not read is neither searched, listed, preferred nor named", async () => {
    // Everyone reads Hemtjänst; Gruppbostad only the group "gb", which the anonymous user is not in.
    const access = parseAccessPolicy("collections:\n  Hemtjänst: ['*']\n  Gruppbostad: [gb]\n");
    const app = createApp({ config: fx.config, answers: () => fx.service, log: () => {}, access });
    const listed = (await (await app.request("/api/collections")).json()) as { collections: { name: string }[] };
    expect(listed.collections.map((c) => c.name)).toEqual(["Hemtjänst"]);
    const door = await ask({ question: QUESTION, options: { collections: ["Hemtjänst"] } }, app);
    expect(door.body.citations[0]!.source).toBe("Hemtjänst/dorr.md");
    expect(door.body.citations[0]!.alsoIn).toBeUndefined();
    const keys = await ask({ question: KEYS, options: { includeRetrieved: true } }, app);
    expect([...keys.body.citations, ...(keys.body.retrieved ?? [])].every((c) => !c.source.startsWith("Gruppbostad/"))).toBe(true);
    const refused = await ask({ question: QUESTION, options: { unit: "Gruppbostad" } }, app);
    expect(refused.status).toBe(400);
    expect(refused.body.error!.message).toContain("Giltiga enheter: Hemtjänst.");
  });

  it("draws example questions from the library's own titles, per unit too", async () => {
    const all = (await (await fx.app.request("/api/examples")).json()) as { questions: string[]; from: string };
    expect(all.from).toBe("titles");
    expect(all.questions[0]).toBe("Vad gäller för brukare öppnar inte dörren?");
    const unit = (await (await fx.app.request(`/api/examples?unit=${encodeURIComponent("Gruppbostad")}`)).json()) as { questions: string[] };
    expect(unit.questions).toContain("Vad gäller för nyckelhantering?");
  });
});

/** One routine as two units keep it: the same steps, each unit's own edits (issue 15: versions, not word-for-word copies). */
const threatRoutine = (unit: string, edits: { extra?: string; contact: string }) => `# Hot och våld

## Syfte

Rutinen beskriver hur medarbetare i ${unit} agerar vid hot och våld så att ingen skadas och så att händelsen följs upp.

## Utförande

1. Avbryt samtalet lugnt och lämna rummet om du känner dig hotad. Gå alltid mot en utgång och ställ dig inte i ett hörn.
2. Larma kollegor med trygghetslarmet och ring 112 om någon är i fara. Vänta på hjälp i ett säkert utrymme.
3. Kontakta ${edits.contact} så snart situationen är under kontroll och berätta vad som har hänt.
4. Skriv en avvikelse i verksamhetssystemet samma dag och beskriv händelsen, vilka som var inblandade och vad som gjordes.
5. Chefen erbjuder samtal och stöd efter händelsen och ser till att arbetsmiljöverket underrättas vid allvarlig skada.
${edits.extra ? `\n${edits.extra}\n` : ""}`;

describe("a unit's own version of a routine", () => {
  let fx: FixtureApp;
  let corpus: string;
  const QUESTION_THREAT = "Vad gör jag om en besökare hotar mig?";
  const citedUnits = async (options: Record<string, unknown>) => {
    const res = await postJson(fx.app, "/api/ask", { question: QUESTION_THREAT, options });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer;
    expect(body.abstained).toBe(false);
    return body.citations.map((c) => c.collection);
  };

  beforeAll(async () => {
    corpus = await tempDir("rutinsvar-versions-");
    const units = {
      // This unit's version talks about visitors, the question's own word: it wins without a unit.
      Mötesplatser: threatRoutine("Mötesplatser", { contact: "enhetschefen för mötesplatsen", extra: "Om en besökare hotar dig eller andra besökare ska besökaren uppmanas att lämna mötesplatsen." }),
      Dagverksamhet: threatRoutine("Dagverksamhet", { contact: "samordnaren på dagverksamheten" }),
      Hemtjänst: "# Nyckelhantering\n\nBrukarens nycklar förvaras i nyckelskåpet och kvitteras ut vid varje pass.\n",
    };
    for (const [unit, text] of Object.entries(units)) {
      await fs.mkdir(path.join(corpus, unit));
      await fs.writeFile(path.join(corpus, unit, "rutin.md"), text);
    }
    fx = await buildFixtureApp(corpus);
  });
  afterAll(async () => {
    await fx.cleanup();
    await fs.rm(corpus, { recursive: true, force: true });
  });

  it("without a unit, the version that matches the question best is cited", async () => {
    expect((await citedUnits({}))[0]).toBe("Mötesplatser");
  });

  it("with a unit, that unit's version is cited and the other unit's version of the routine is not", async () => {
    const units = await citedUnits({ unit: "Dagverksamhet" });
    expect(units[0]).toBe("Dagverksamhet");
    expect(units).not.toContain("Mötesplatser");
  });

  it("a unit without a version of the routine gets the best one, as without a unit", async () => {
    expect((await citedUnits({ unit: "Hemtjänst" }))[0]).toBe("Mötesplatser");
  });
});

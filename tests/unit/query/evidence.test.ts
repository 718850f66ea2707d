import { describe, expect, it } from "vitest";
import type { Chunk } from "../../../src/core/schemas.js";
import { analyzeQuestion } from "../../../src/query/analysis.js";
import { defaultEvidenceOptions, selectEvidence, type EvidenceOptions } from "../../../src/query/evidence.js";
import type { Candidate } from "../../../src/query/retrieve.js";
import { collectVocabulary, createTextContext } from "../../../src/text/index.js";

function chunk(id: string, headingPath: string[], text: string): Chunk {
  return { id, documentId: `doc-${id}`, source: `${id}.md`, title: headingPath[0] ?? id, headingPath, page: null, text, charStart: 0, charEnd: text.length };
}

function evidenceFor(question: string, chunks: Chunk[], options: Partial<EvidenceOptions> = {}) {
  const text = createTextContext({ vocabulary: collectVocabulary(chunks.map((c) => `${c.title} ${c.text}`)) });
  const query = analyzeQuestion(question, text);
  const candidates: Candidate[] = chunks.map((c, i) => ({ chunk: c, index: i, dense: 0, lexical: 0, coverage: 0, score: 1 - i * 0.1 }));
  return selectEvidence(question, query, candidates, text, { ...defaultEvidenceOptions, ...options });
}

describe("selectEvidence", () => {
  it("quotes the sentence under a heading, never the heading line itself", () => {
    const pieces = evidenceFor("Vad är förbehållsbelopp?", [
      chunk("avgifter", ["Riktlinje för avgifter", "2.6 Förbehållsbelopp"], "2.6 Förbehållsbelopp\n\nFörbehållsbeloppet är det belopp som den enskilde ska ha kvar av sina egna medel innan kommunen får ta ut avgift."),
    ]);
    expect(pieces[0]?.text).toMatch(/^Förbehållsbeloppet är det belopp/);
    expect(pieces.map((p) => p.text).join(" ")).not.toContain("2.6 Förbehållsbelopp");
  });

  it("skips the heading of a small section merged into the chunk", () => {
    const pieces = evidenceFor("Vad gäller för kostavgiften i särskilt boende?", [
      chunk("boende", ["Riktlinje för avgifter", "5. Avgift i särskilt boende"], [
        "5. Avgift i särskilt boende",
        "5.1 Omsorgsavgift",
        "Den som bor i särskilt boende betalar en omsorgsavgift.",
        "5.2 Kostavgift",
        "Kostavgiften avser alla måltider i särskilt boende och följer Konsumentverkets beräkning.",
      ].join("\n\n")),
    ]);
    expect(pieces.length).toBeGreaterThan(0);
    for (const p of pieces) expect(p.text).not.toMatch(/^5\.\d /);
    expect(pieces[0]!.text).toContain("Kostavgiften avser alla måltider");
  });

  it("keeps a numbered procedure whole when the question asks how", () => {
    const steps = "1. Skriv ned vad du har sett.\n2. Ring mottagningen samma dag.\n3. Skicka den skriftliga anmälan.";
    const pieces = evidenceFor("Hur gör jag en orosanmälan?", [chunk("oro", ["Rutin för orosanmälan", "Så här gör du"], `Så här gör du en orosanmälan:\n\n${steps}`)]);
    expect(pieces[0]?.procedure).toBe(true);
    expect(pieces[0]?.text).toContain(steps);
  });

  it("puts the sentence holding the asked-for time first", () => {
    const pieces = evidenceFor("När ska utredningen vara slutförd?", [
      chunk("utredning", ["Rutin för utredning", "Utredning"], "Utredningen ska vara grundlig och utgå från barnets behov. Utredningen ska vara slutförd inom fyra månader."),
    ]);
    expect(pieces[0]?.text).toContain("inom fyra månader");
  });
});

describe("two-part questions", () => {
  const question = "Vem beslutar om avstängning av en vikarie och vad måste chefen göra efteråt?";
  const chunks = [
    chunk("beslut", ["Rutin för avstängning av vikarie", "Beslut"], "Beslut om avstängning av en vikarie fattas av verksamhetschefen. Avstängning av en vikarie beslutas alltid skriftligt."),
    chunk("mer", ["Rutin för avstängning av vikarie", "Beslut om vikarie"], "Verksamhetschefen beslutar om avstängning av vikarie efter samråd med HR."),
    chunk("efter", ["Rutin för avstängning av vikarie", "Dokumentation"], "Efteråt ska chefen dokumentera händelsen i personalakten."),
  ];
  it("get a piece for each part, even when the second part's piece scores under the relative floor", () => {
    const texts = evidenceFor(question, chunks).map((p) => p.text).join(" ");
    expect(texts).toContain("verksamhetschefen");
    expect(texts).toContain("personalakten");
  });
  it("(without the part rule, the second part goes unanswered)", () => {
    const texts = evidenceFor(question, chunks, { answerEachPart: false }).map((p) => p.text).join(" ");
    expect(texts).not.toContain("personalakten");
  });
});

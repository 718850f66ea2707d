import { describe, expect, it } from "vitest";
import { LexicalIndex } from "../../../src/core/lexical-index.js";
import { tuning } from "../../../src/config/tuning.js";
import { buildDocumentContext } from "../../../src/query/document-context.js";
import { analyzeForIndex } from "../../../src/text/index.js";

const chunks = [
  { documentId: "dorr", title: "Brukare öppnar inte dörren", text: "Ring brukaren. Kontakta anhöriga och ansvarig chef." },
  { documentId: "dorr", title: "Brukare öppnar inte dörren", text: "Dokumentera förloppet i journalen." },
  { documentId: "uppdrag", title: "Uppdragsbeskrivning hemtjänst", text: "Hemtjänsten ska ha rutiner för när brukaren inte öppnar dörren vid besöket." },
  { documentId: "nycklar", title: "Nyckelhantering", text: "Nycklar förvaras i nyckelskåpet." },
];
const lexical = LexicalIndex.build(
  chunks.map((c) => ({ body: analyzeForIndex(c.text), heading: [], title: analyzeForIndex(c.title) })),
  tuning.lexical,
);
const terms = (q: string) => analyzeForIndex(q).map((term) => ({ term, weight: 1 }));

describe("document context", () => {
  const context = buildDocumentContext(chunks.map((c) => c.documentId), lexical);

  it("numbers documents and knows their chunks", () => {
    expect(context.chunksOf(0)).toEqual([0, 1]);
    expect(context.documentOf(2)).toBe(1);
    expect(context.chunksOf(2)).toEqual([3]);
  });

  it("ranks the document whose title names the situation first, relative scores in (0, 1]", () => {
    const ranked = context.rank(terms("brukaren öppnar inte dörren"), 10);
    expect(ranked[0]).toEqual({ doc: 0, relative: 1 });
    expect(ranked.map((r) => r.doc)).toContain(1);
    for (const r of ranked) expect(r.relative).toBeGreaterThan(0);
    expect(ranked.find((r) => r.doc === 1)!.relative).toBeLessThan(1);
  });

  it("filters documents before ranking", () => {
    expect(context.rank(terms("brukaren öppnar inte dörren"), 10, (d) => d !== 0)[0]!.doc).toBe(1);
    expect(context.rank(terms("färdtjänst"), 10)).toEqual([]);
  });

  it("sums term frequencies and lengths over a document's chunks", () => {
    const grouped = lexical.grouped(new Int32Array([0, 0, 1, 2]), 3);
    expect(grouped.size).toBe(3);
    expect(grouped.contains(analyzeForIndex("journalen")[0]!, 0)).toBe(true);
    expect(grouped.contains(analyzeForIndex("journalen")[0]!, 1)).toBe(false);
  });
});

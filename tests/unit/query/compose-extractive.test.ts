import { describe, expect, it } from "vitest";
import type { Chunk } from "../../../src/core/schemas.js";
import { composeExtractive } from "../../../src/query/compose-extractive.js";
import type { EvidencePiece } from "../../../src/query/evidence.js";

function chunk(id: string, text: string, page: number | null = null): Chunk {
  return { id, documentId: `doc-${id}`, source: `${id}.pdf`, title: `Rutin ${id}`, headingPath: [`Rutin ${id}`, "Utförande"], page, text, charStart: 0, charEnd: text.length };
}
function piece(c: Chunk, text: string, procedure = false): EvidencePiece {
  const start = c.text.indexOf(text);
  return { chunk: c, start, end: start + text.length, text, score: 1, coverage: 1, procedure };
}

describe("composeExtractive", () => {
  const a = chunk("a", "Ring chefen direkt. Dokumentera i journalen.", 2);
  const b = chunk("b", "Kontakta sjuksköterskan vid fall.");

  it("quotes each piece verbatim, followed by its marker, one number per chunk", () => {
    const composed = composeExtractive([piece(a, "Ring chefen direkt."), piece(b, "Kontakta sjuksköterskan vid fall."), piece(a, "Dokumentera i journalen.")], () => "pdf");
    expect(composed.answer).toBe("Ring chefen direkt. [1] Kontakta sjuksköterskan vid fall. [2] Dokumentera i journalen. [1]");
    expect(composed.citations.map((c) => [c.n, c.chunkId, c.quote])).toEqual([
      [1, "a", "Ring chefen direkt."],
      [2, "b", "Kontakta sjuksköterskan vid fall."],
    ]);
    for (const c of composed.citations) expect((c.chunkId === "a" ? a : b).text).toContain(c.quote);
  });

  it("links a PDF citation to its page and names the section", () => {
    const [cited] = composeExtractive([piece(a, "Ring chefen direkt.")], () => "pdf").citations;
    expect(cited!.url).toBe("/api/documents/doc-a/file#page=2");
    expect(cited!.section).toBe("Utförande");
  });

  it("keeps a numbered procedure as a block with its marker on the next line", () => {
    const steps = chunk("s", "1. Ring 112.\n2. Stanna hos den sjuke.");
    const composed = composeExtractive([piece(steps, "1. Ring 112.\n2. Stanna hos den sjuke.", true)], () => undefined);
    expect(composed.answer).toBe("1. Ring 112.\n2. Stanna hos den sjuke.\n[1]");
  });
});

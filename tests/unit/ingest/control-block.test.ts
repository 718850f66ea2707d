import { describe, expect, it } from "vitest";
import type { Block } from "../../../src/core/schemas.js";
import { controlMetadata, extractControlBlock, readControlText } from "../../../ingest/control-block.js";

const para = (text: string): Block => ({ kind: "paragraph", text, page: null });

describe("control block", () => {
  it("reads the labels Botkyrka's routines use, with their variants", () => {
    expect(readControlText("Dokumentet är beslutat av: EC Bemanningsenheten, VC Hemtjänst Dokumentet beslutades den: [2023-01-26]")).toEqual({
      adoptedBy: "EC Bemanningsenheten, VC Hemtjänst",
      adoptedOn: "2023-01-26",
    });
    expect(readControlText("Dokumentet gäller: Tillsvidare Dokumentet uppdaterat den: 2025-04-28 Dokumentansvarig är: Verksamhetsutvecklare")).toEqual({
      validUntil: "Tillsvidare",
      updatedOn: "2025-04-28",
      owner: "Verksamhetsutvecklare",
    });
    expect(readControlText("Dokumentet gäller tillsvidare (max till 2028-01-26)")).toEqual({ validUntil: "tillsvidare (max till 2028-01-26)" });
    expect(readControlText("Fastställd av: Socialnämnden Fastställd den: 2024-03-01 Revideras senast: 2026-03-01 Dokumentägare: Avdelningschef")).toEqual({
      adoptedBy: "Socialnämnden",
      adoptedOn: "2024-03-01",
      reviewBy: "2026-03-01",
      owner: "Avdelningschef",
    });
  });

  it("leaves body text alone, even when it mentions a label", () => {
    expect(readControlText("Enhetschef ansvarar för att rutinen är känd.")).toBeNull();
    expect(readControlText("Vård- och omsorgsförvaltningen ansvarar för att rutinen följs.")).toBeNull();
    expect(readControlText("Kontakta dokumentansvarig: hen vet mer.")).toBeNull();
  });

  it("takes the block and its organisation line out of the top of the document and keeps the rest", () => {
    const blocks = [
      para("Vård- och omsorgsförvaltningen"),
      para("Dokumentet är beslutat av: Verksamhetschef HSV Dokumentet beslutades den: 2025-09-24"),
      { kind: "heading", level: 2, text: "Dokumentet gäller tillsvidare", page: null } as Block,
      para("Dokumentet uppdaterat: Dokumentansvarig är: Verksamhetsutvecklare LSS och hemtjänst"),
      { kind: "heading", level: 1, text: "RUTIN", page: null } as Block,
      para("Ring brukaren och kontakta anhöriga."),
    ];
    const { blocks: kept, fields } = extractControlBlock(blocks);
    expect(kept.map((b) => b.text)).toEqual(["RUTIN", "Ring brukaren och kontakta anhöriga."]);
    expect(fields).toEqual({ adoptedBy: "Verksamhetschef HSV", adoptedOn: "2025-09-24", validUntil: "tillsvidare", owner: "Verksamhetsutvecklare LSS och hemtjänst" });
  });

  it("keeps a lone organisation line that heads no control block", () => {
    const blocks = [para("Vård- och omsorgsförvaltningen"), para("Ring brukaren.")];
    expect(extractControlBlock(blocks).blocks).toEqual(blocks);
  });

  it("maps fields to document metadata; a valid-until date is the review-by date", () => {
    expect(controlMetadata({ owner: "MAS", validUntil: "tillsvidare (max till 2028-01-26)" })).toEqual({
      owner: "MAS",
      validUntil: "tillsvidare (max till 2028-01-26)",
      reviewBy: "2028-01-26",
    });
    expect(controlMetadata({ validUntil: "tillsvidare" }).reviewBy).toBeUndefined();
  });
});

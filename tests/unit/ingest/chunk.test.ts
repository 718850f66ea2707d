import { describe, expect, it } from "vitest";
import { buildSections } from "../../../ingest/sections.js";
import { chunkDocument } from "../../../ingest/chunk.js";
import type { Block, ParsedDocument } from "../../../src/core/schemas.js";

function doc(blocks: Block[]): ParsedDocument {
  const { text, sections } = buildSections(blocks);
  return { id: "dtest", source: "a/test.md", title: "Testrutin", format: "markdown", pages: null, text, sections, warnings: [], metadata: {}, sha256: "x" };
}

const para = (text: string, page: number | null = null): Block => ({ kind: "paragraph", text, page });
const heading = (text: string, level: number): Block => ({ kind: "heading", text, level, page: null });
const step = (n: number, text: string): Block => ({ kind: "list-item", ordered: true, text: `${n}. ${text}`, page: null });
const long = (seed: string, words: number) => Array.from({ length: words }, (_, i) => `${seed}${i}`).join(" ") + ".";

describe("buildSections", () => {
  it("tracks heading paths and exact offsets", () => {
    const d = doc([heading("Orosanmälan", 1), para("Alla ska anmäla."), heading("Ansvar", 2), para("Enhetschefen ansvarar."), heading("Tider", 1), para("Inom 14 dagar.")]);
    for (const s of d.sections) expect(d.text.slice(s.charStart, s.charEnd)).toBe(s.text);
    expect(d.sections[3]!.headingPath).toEqual(["Orosanmälan", "Ansvar"]);
    expect(d.sections[5]!.headingPath).toEqual(["Tider"]);
  });
});

describe("chunkDocument", () => {
  it("keeps a numbered procedure in one chunk", () => {
    const steps = Array.from({ length: 8 }, (_, i) => step(i + 1, long(`steg${i}ord`, 20)));
    const d = doc([heading("Så gör du", 1), para(long("intro", 30)), ...steps, heading("Annat", 1), para("Slut.")]);
    const chunks = chunkDocument(d);
    const withSteps = chunks.filter((c) => c.text.includes("1. steg0ord0"));
    expect(withSteps).toHaveLength(1);
    expect(withSteps[0]!.text).toContain("8. steg7ord0");
  });

  it("chunks are verbatim slices of the document text with stable ids", () => {
    const blocks = [heading("A", 1), para(long("alfa", 200)), para(long("beta", 200)), heading("B", 1), para(long("gamma", 50))];
    const a = chunkDocument(doc(blocks));
    const b = chunkDocument(doc(blocks));
    expect(a.map((c) => c.id)).toEqual(b.map((c) => c.id));
    expect(new Set(a.map((c) => c.id)).size).toBe(a.length);
    const d = doc(blocks);
    for (const c of a) expect(d.text.slice(c.charStart, c.charEnd)).toBe(c.text);
    expect(a.find((c) => c.text.includes("gamma0"))!.headingPath).toEqual(["B"]);
  });

  it("splits a wall of text without paragraphs at sentence ends", () => {
    const wall = Array.from({ length: 60 }, (_, i) => `Mening nummer ${i} handlar om handläggning av ärenden.`).join(" ");
    const chunks = chunkDocument(doc([para(wall)]));
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(1600);
    for (const c of chunks.slice(0, -1)) expect(c.text.trimEnd().endsWith(".")).toBe(true);
  });

  it("keeps the page of the first block", () => {
    const chunks = chunkDocument(doc([para("Sida tre text.", 3), para("Mer.", 4)]));
    expect(chunks[0]!.page).toBe(3);
  });
});

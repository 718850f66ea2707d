import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/env.js";
import { documentIdFor } from "../../../src/core/ids.js";
import { parseDocument } from "../../../ingest/parse-document.js";

const config = loadConfig({});
const parse = (source: string, body: string, sidecar = {}, cfg = config) => parseDocument(source, Buffer.from(body), "sha", sidecar, cfg);

describe("parseDocument", () => {
  it("takes the collection from the top folder and the title from the file name when the document has none", async () => {
    const doc = await parse("barn/rutin-for_tolk.md", "Tolk bokas i förväg.\n");
    expect(doc).toMatchObject({ id: documentIdFor("barn/rutin-for_tolk.md"), title: "Rutin for tolk", sha256: "sha", text: "Tolk bokas i förväg." });
    expect(doc.metadata.collection).toBe("barn");
    expect((await parse("rutin.md", "Tolk bokas i förväg.\n")).metadata.collection).toBe("allmänt");
  });

  it("lets the sidecar override the collection and title", async () => {
    const doc = await parse("barn/rutin.md", "Tolk bokas i förväg.\n", { collection: "lss", title: "Tolkrutin" });
    expect(doc.metadata.collection).toBe("lss");
    expect(doc.title).toBe("Tolkrutin");
  });

  it("takes the control block out of the text into the metadata, unless the control ablation leaves it in", async () => {
    const body = "Tolk bokas i förväg.\n\nDokumentet är beslutat av: Nämnden\n";
    const doc = await parse("rutin.md", body);
    expect(doc.text).toBe("Tolk bokas i förväg.");
    expect(doc.metadata.adoptedBy).toBe("Nämnden");
    const kept = await parse("rutin.md", body, {}, { ...config, ablate: ["control"] });
    expect(kept.text).toContain("beslutat av");
    expect(kept.metadata.adoptedBy).toBeUndefined();
  });

  it("warns when no text is left to index", async () => {
    const doc = await parse("rutin.md", "Dokumentet är beslutat av: Nämnden\n");
    expect(doc.text.trim()).toBe("");
    expect(doc.warnings).toContain("Dokumentet innehåller ingen text som kunde läsas ut.");
  });
});

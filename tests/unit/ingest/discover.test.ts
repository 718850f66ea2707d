import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { discoverFiles, readSidecar } from "../../../ingest/discover.js";
import { ParseError } from "../../../ingest/parse/errors.js";

const corpusDir = fileURLToPath(new URL("../../fixtures/corpus/", import.meta.url)).replace(/\/$/, "");
const tempDirs: string[] = [];

afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

async function tempFile(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "rutinsvar-discover-"));
  tempDirs.push(dir);
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe("discoverFiles", () => {
  it("lists documents recursively and sorted, skipping hidden files, SOURCES.md and sidecars", async () => {
    const files = await discoverFiles(corpusDir);
    expect(files.map((f) => f.source)).toEqual([
      "delegationsordning.docx",
      "ekonomiskt-bistand.pdf",
      "gemensamt/sekretess.html",
      "orosanmalan.md",
      "tolk.txt",
    ]);
    const pdf = files.find((f) => f.source === "ekonomiskt-bistand.pdf");
    expect(pdf).toMatchObject({
      path: join(corpusDir, "ekonomiskt-bistand.pdf"),
      ext: ".pdf",
      supported: true,
      sidecarPath: join(corpusDir, "ekonomiskt-bistand.pdf.meta.yml"),
    });
    expect(pdf?.bytes).toBeGreaterThan(1000);
    expect(files.find((f) => f.source === "orosanmalan.md")?.sidecarPath).toBeUndefined();
    expect(files.find((f) => f.source === "gemensamt/sekretess.html")?.sidecarPath).toBe(
      join(corpusDir, "gemensamt", "sekretess.html.meta.yml"),
    );
  });

  it("lists unsupported files as unsupported so they can be reported", async () => {
    const path = await tempFile("anteckning.xyz", "x");
    const dir = join(path, "..");
    await writeFile(join(dir, "README.md"), "# Om mappen");
    await writeFile(join(dir, "ordlista.yml"), "EB: ekonomiskt bistånd");
    const files = await discoverFiles(dir);
    expect(files.map((f) => [f.source, f.supported])).toEqual([["anteckning.xyz", false]]);
  });

  it("fails with a clear message when the folder does not exist", async () => {
    await expect(discoverFiles(join(corpusDir, "finns-inte"))).rejects.toThrow(/korpusmappen .*finns-inte finns inte/);
  });
});

describe("readSidecar", () => {
  it("reads and validates metadata, keeping dates and versions as text", async () => {
    expect(await readSidecar(join(corpusDir, "ekonomiskt-bistand.pdf.meta.yml"))).toEqual({
      title: "Ekonomiskt bistånd – handläggning",
      owner: "Enhetschef försörjningsstöd",
      version: "1.4",
      reviewBy: "2024-03-31",
      collection: "ekonomiskt-bistand",
    });
  });

  it("accepts Swedish keys", async () => {
    expect(await readSidecar(join(corpusDir, "gemensamt", "sekretess.html.meta.yml"))).toEqual({
      owner: "Förvaltningsjurist",
      reviewBy: "2026-09-30",
    });
  });

  it("names the file and the field when a value is invalid", async () => {
    const path = await tempFile("rutin.pdf.meta.yml", "titel: \"\"\nowner: Chef\n");
    const error = await readSidecar(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).code).toBe("invalid-metadata");
    expect((error as ParseError).message).toBe(`Ogiltig metadata i ${path}: fältet "titel" får inte vara tomt.`);
  });

  it("rejects a review date that is not a date", async () => {
    const path = await tempFile("rutin.md.meta.yml", "revideras: snart\n");
    await expect(readSidecar(path)).rejects.toThrow(/fältet "revideras" ska vara ett datum ÅÅÅÅ-MM-DD, fick "snart"/);
  });

  it("rejects YAML that does not parse", async () => {
    const path = await tempFile("x.txt.meta.yml", "title: [oavslutad\n");
    await expect(readSidecar(path)).rejects.toThrow(/är inte giltig YAML/);
  });
});

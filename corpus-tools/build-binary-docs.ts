/**
 * Builds the binary sample documents of the corpus (PDF, DOCX, Windows-1252
 * text) and their `<file>.meta.yml` sidecars from the sources in
 * corpus-tools/sources/. Run: `npx tsx corpus-tools/build-binary-docs.ts`.
 * Output is deterministic for PDFs and DOCX, so rebuilding leaves git clean.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify as stringifyYaml } from "yaml";
import { renderDocx } from "./render-docx.js";
import { renderPdf } from "./render-pdf.js";
import { renderText } from "./render-text.js";
import { parseSource } from "./source-format.js";
import type { SourceDocument } from "./source-format.js";

const HERE = dirname(fileURLToPath(import.meta.url));

/** One generated file, for the summary. */
export interface BuiltFile {
  output: string;
  format: string;
  bytes: number;
  pages: number | null;
}

/** Loads every `*.md` source in `sourcesDir`, sorted by file name. */
export async function loadSources(sourcesDir: string): Promise<SourceDocument[]> {
  const names = (await readdir(sourcesDir)).filter((n) => n.endsWith(".md")).sort();
  return Promise.all(names.map(async (n) => parseSource(n, await readFile(join(sourcesDir, n), "utf8"))));
}

/** Metadata sidecar content, the same keys Markdown documents carry in front matter. */
export function sidecarYaml(source: SourceDocument): string {
  const { title, owner, version, reviewBy, collection } = source.meta;
  return stringifyYaml({ title, owner, version, reviewBy, collection });
}

/** Renders every source into `corpusDir` and writes the sidecars next to the files. */
export async function buildBinaryDocs(sourcesDir: string, corpusDir: string): Promise<BuiltFile[]> {
  const built: BuiltFile[] = [];
  for (const source of await loadSources(sourcesDir)) {
    const target = join(corpusDir, source.meta.output);
    await mkdir(dirname(target), { recursive: true });
    let bytes: Buffer;
    let pages: number | null = null;
    if (source.meta.format === "pdf") ({ bytes, pages } = await renderPdf(source));
    else if (source.meta.format === "docx") bytes = await renderDocx(source);
    else bytes = renderText(source);
    await writeFile(target, bytes);
    await writeFile(`${target}.meta.yml`, sidecarYaml(source), "utf8");
    built.push({ output: source.meta.output, format: source.meta.format, bytes: bytes.length, pages });
  }
  return built;
}

async function main(): Promise<void> {
  const built = await buildBinaryDocs(join(HERE, "sources"), resolve(HERE, "..", "corpus"));
  for (const b of built) {
    console.log(`${b.output.padEnd(58)} ${b.format.padEnd(5)} ${String(b.bytes).padStart(7)} B${b.pages ? `  ${b.pages} sidor` : ""}`);
  }
  console.log(`${built.length} filer byggda.`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}

/**
 * Checks the sample corpus the way the ingest pipeline will read it: PDFs with
 * pdf-parse 2 (page count, header and footer on every page, å/ä/ö intact),
 * DOCX with mammoth (headings, numbered list, table), the Windows-1252 text
 * file byte by byte, and metadata for every document. Exits non-zero on a
 * failed check. `--table` prints the Markdown table used in corpus/SOURCES.md.
 *
 * Run: `npx tsx corpus-tools/verify-corpus.ts [--table]`
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import mammoth from "mammoth";
import { PDFParse } from "pdf-parse";
import { parse as parseYaml } from "yaml";
import { PDF_HEADER } from "./render-pdf.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const DOC_EXT = /\.(pdf|docx|md|html|txt)$/;
const FORMAT_NAME: Record<string, string> = { pdf: "PDF", docx: "DOCX", md: "Markdown", html: "HTML", txt: "Text" };
/** Reference date for "overdue" in the sample: the corpus must have exactly two documents past review. */
export const REFERENCE_DATE = "2026-11-24";

/** Metadata of one corpus document, from front matter or sidecar. */
export interface CorpusEntry {
  path: string;
  ext: string;
  title: string;
  owner: string;
  version: string;
  reviewBy: string;
  collection?: string;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const full = join(dir, name);
    if ((await stat(full)).isDirectory()) out.push(...(await walk(full)));
    else out.push(full);
  }
  return out;
}

/** Lists every document in `corpusDir` with its metadata (SOURCES.md itself excluded). */
export async function listCorpus(corpusDir: string): Promise<CorpusEntry[]> {
  const files = (await walk(corpusDir)).filter((f) => DOC_EXT.test(f) && relative(corpusDir, f).includes("/"));
  const entries: CorpusEntry[] = [];
  for (const file of files) {
    const ext = file.slice(file.lastIndexOf(".") + 1);
    let meta: Record<string, unknown>;
    if (ext === "md") {
      const fm = /^---\n([\s\S]*?)\n---\n/.exec(await readFile(file, "utf8"));
      meta = fm ? (parseYaml(fm[1] ?? "") as Record<string, unknown>) : {};
    } else {
      meta = (parseYaml(await readFile(`${file}.meta.yml`, "utf8").catch(() => "")) as Record<string, unknown>) ?? {};
    }
    entries.push({ path: relative(corpusDir, file), ext, ...(meta as Omit<CorpusEntry, "path" | "ext">) });
  }
  return entries;
}

/** Markdown table of the corpus for SOURCES.md. */
export function sourcesTable(entries: CorpusEntry[]): string {
  const rows = entries.map((e) => `| \`${e.path}\` | ${e.title} | ${e.owner} | ${e.version} | ${e.reviewBy} | ${FORMAT_NAME[e.ext]} |`);
  return ["| Fil | Titel | Ägande enhet | Version | Granskas senast | Format |", "|---|---|---|---|---|---|", ...rows].join("\n");
}

type Check = (ok: boolean, what: string) => void;

async function checkPdf(file: string, check: Check): Promise<void> {
  const parser = new PDFParse({ data: await readFile(file) });
  try {
    const result = await parser.getText();
    const pages = result.pages.length;
    check(pages >= 3 && pages <= 6, `${file}: 3–6 sidor (har ${pages})`);
    for (const page of result.pages) {
      check(page.text.includes(PDF_HEADER), `${file}: sidhuvud på sida ${page.num}`);
      check(new RegExp(`Rutin: .+ \\| Version [\\d.]+ \\| Sida ${page.num} av ${pages}`).test(page.text), `${file}: sidfot "Sida ${page.num} av ${pages}"`);
    }
    check(/[åäö]/.test(result.text) && /[ÅÄÖ]/.test(result.text), `${file}: å, ä, ö och Å, Ä, Ö extraheras`);
    check(!/\uFFFD/.test(result.text), `${file}: inga ersättningstecken`);
  } finally {
    await parser.destroy();
  }
}

async function checkDocx(file: string, title: string, check: Check): Promise<void> {
  const buffer = await readFile(file);
  const raw = (await mammoth.extractRawText({ buffer })).value;
  const html = (await mammoth.convertToHtml({ buffer })).value;
  check(raw.includes(title), `${file}: titeln finns i texten`);
  check(/[åäö]/.test(raw), `${file}: å, ä, ö extraheras`);
  check(html.includes("<h1>") && html.includes("<h2>"), `${file}: Heading1 och Heading2`);
  check(html.includes("<ol>"), `${file}: numrerad lista`);
  check(html.includes("<table>"), `${file}: tabell`);
}

async function checkCp1252(file: string, check: Check): Promise<void> {
  const bytes = await readFile(file);
  check(bytes.includes(0xe5) && bytes.includes(0xe4) && bytes.includes(0xf6), `${file}: å ä ö som enkla byte (0xE5 0xE4 0xF6)`);
  check(!bytes.includes(0xc3), `${file}: inga UTF-8-sekvenser`);
  check(bytes.includes(Buffer.from("\r\n")), `${file}: CRLF-radslut`);
}

/** Runs every check; returns the failures. */
export async function verifyCorpus(corpusDir: string): Promise<string[]> {
  const failures: string[] = [];
  const check: Check = (ok, what) => {
    if (!ok) failures.push(what);
  };
  const entries = await listCorpus(corpusDir);
  const byExt = (ext: string) => entries.filter((e) => e.ext === ext);
  check(entries.length >= 16, `minst 16 dokument (har ${entries.length})`);
  check(byExt("pdf").length >= 4, "minst 4 PDF");
  check(byExt("docx").length >= 2, "minst 2 DOCX");
  const date = /^\d{4}-\d{2}-\d{2}$/;
  for (const e of entries) {
    check(Boolean(e.title && e.owner), `${e.path}: title och owner`);
    check(date.test(String(e.version)) && date.test(String(e.reviewBy)), `${e.path}: version och reviewBy som YYYY-MM-DD`);
    check(e.collection === undefined || e.path.startsWith(`${e.collection}/`), `${e.path}: collection stämmer med mappen`);
  }
  const overdue = entries.filter((e) => String(e.reviewBy) < REFERENCE_DATE);
  check(overdue.length === 2, `exakt två dokument förfallna per ${REFERENCE_DATE} (har ${overdue.map((e) => e.path).join(", ")})`);
  const sources = await readFile(join(corpusDir, "SOURCES.md"), "utf8");
  for (const e of entries) check(sources.includes(`\`${e.path}\``), `SOURCES.md listar ${e.path}`);
  for (const e of byExt("pdf")) await checkPdf(join(corpusDir, e.path), check);
  for (const e of byExt("docx")) await checkDocx(join(corpusDir, e.path), e.title, check);
  for (const e of byExt("txt")) {
    const bytes = await readFile(join(corpusDir, e.path));
    if (bytes.includes(0xe4) || bytes.includes(0xf6)) await checkCp1252(join(corpusDir, e.path), check);
    else check(!bytes.toString("utf8").includes("\uFFFD"), `${e.path}: giltig UTF-8`);
  }
  return failures;
}

async function main(): Promise<void> {
  const corpusDir = resolve(HERE, "..", "corpus");
  if (process.argv.includes("--table")) {
    console.log(sourcesTable(await listCorpus(corpusDir)));
    return;
  }
  const failures = await verifyCorpus(corpusDir);
  for (const f of failures) console.error(`FEL: ${f}`);
  console.log(failures.length === 0 ? "Korpusen är korrekt." : `${failures.length} fel.`);
  if (failures.length > 0) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}

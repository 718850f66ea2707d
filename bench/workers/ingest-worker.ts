/**
 * Child process for the ingest benchmark, so that cold start is measured in a
 * fresh process the way `npm run ingest` meets it. Measures:
 *   1. warm-up: the first PDF parse and first text analysis of the process
 *      (loading pdf.js through the tsx loader and the Swedish dictionary);
 *   2. `runIngest` over the generated corpus, with per-file time taken from
 *      the progress callbacks so PDF pages/s is PDF files' own time, and the
 *      index write (lexical build, HNSW, files) reported apart;
 *   3. a stage breakdown over the same PDFs (parse, sections + chunk, embed,
 *      analyse) to show where the time goes;
 *   4. the baseline: raw pdf-parse `getText` over the same PDFs.
 * Usage: tsx bench/workers/ingest-worker.ts <input.json> <output.json>
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PDFParse } from "pdf-parse";
import { embeddingText, runIngest } from "../../ingest/pipeline.js";
import { parseFile } from "../../ingest/parse/index.js";
import { buildSections } from "../../ingest/sections.js";
import { chunkDocument } from "../../ingest/chunk.js";
import { loadConfig } from "../../src/config/env.js";
import { documentIdFor } from "../../src/core/ids.js";
import { createEmbedder } from "../../src/models/embedder.js";
import { analyzeChunkFields, textFeatures } from "../../src/text/index-terms.js";
import { analyzeForIndex, createTextContext } from "../../src/text/index.js";

export interface IngestWorkerInput {
  corpusDir: string;
  indexDir: string;
  pdfFiles: string[];
}

export interface IngestWorkerOutput {
  warmupSeconds: { firstPdfParse: number; firstAnalysis: number };
  documents: number;
  pdfDocuments: number;
  pdfPages: number;
  pdfChunks: number;
  chunks: number;
  failed: number;
  totalSeconds: number;
  pdfSeconds: number;
  otherFilesSeconds: number;
  writeIndexSeconds: number;
  /** Seconds spent per stage over the PDFs, measured again stage by stage. */
  pdfStages: { parse: number; sectionsChunk: number; embed: number; analyse: number };
  baselinePdfParseSeconds: number;
  maxRssMb: number;
}

async function main(): Promise<void> {
  const [inputFile, outputFile] = process.argv.slice(2);
  if (!inputFile || !outputFile) throw new Error("ingest-worker: usage: ingest-worker <input.json> <output.json>");
  const input = JSON.parse(await readFile(inputFile, "utf8")) as IngestWorkerInput;
  const config = loadConfig({ NODE_ENV: "production", LOG_LEVEL: "silent", OCR: "off", CORPUS_DIR: input.corpusDir, INDEX_DIR: input.indexDir });
  const pdfPaths = input.pdfFiles.map((f) => path.join(input.corpusDir, f));
  const pdfBytes = await Promise.all(pdfPaths.map((p) => readFile(p)));

  // 1. Cold start, measured on a file outside the timed run (the first PDF, parsed once more below).
  let t = performance.now();
  await parseFile(pdfBytes[0]!, input.pdfFiles[0]!);
  const firstPdfParse = (performance.now() - t) / 1000;
  t = performance.now();
  analyzeForIndex("orosanmälningsrutinen försörjningsstödshandläggare");
  const firstAnalysis = (performance.now() - t) / 1000;

  // 2. The real pipeline.
  const perFile = new Map<string, number>();
  let current = "";
  let last = performance.now();
  const started = last;
  const summary = await runIngest({
    corpusDir: input.corpusDir,
    indexDir: input.indexDir,
    config,
    reparse: "all",
    onProgress: (p) => {
      const now = performance.now();
      if (current) perFile.set(current, now - last);
      current = p.current;
      last = now;
    },
  });
  const totalSeconds = (performance.now() - started) / 1000;
  const writeIndexSeconds = (performance.now() - last) / 1000;
  let pdfMs = 0;
  let otherMs = 0;
  for (const [source, ms] of perFile) {
    if (source.toLowerCase().endsWith(".pdf")) pdfMs += ms;
    else otherMs += ms;
  }
  const pdfResults = summary.results.filter((r) => r.source.toLowerCase().endsWith(".pdf") && r.status === "ingested");
  const maxRssMb = process.resourceUsage().maxRSS / 1024;

  // 3. Stage breakdown over the same PDFs.
  const stages = { parse: 0, sectionsChunk: 0, embed: 0, analyse: 0 };
  const embedder = await createEmbedder(config.embeddings);
  const indexText = createTextContext({ features: textFeatures(config) });
  for (const [i, bytes] of pdfBytes.entries()) {
    const source = input.pdfFiles[i]!;
    t = performance.now();
    const parsed = await parseFile(bytes, source);
    stages.parse += performance.now() - t;
    t = performance.now();
    const { text, sections } = buildSections(parsed.blocks);
    const chunks = chunkDocument({ id: documentIdFor(source), source, title: parsed.title ?? source, format: "pdf", pages: parsed.pages, text, sections, warnings: [], metadata: {}, sha256: "" });
    stages.sectionsChunk += performance.now() - t;
    t = performance.now();
    await embedder.embeddings.embedDocuments(chunks.map(embeddingText));
    stages.embed += performance.now() - t;
    t = performance.now();
    for (const c of chunks) analyzeChunkFields(c, indexText);
    stages.analyse += performance.now() - t;
  }

  // 4. Baseline: pdf-parse text extraction alone.
  t = performance.now();
  for (const bytes of pdfBytes) {
    const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
    await parser.getText();
    await parser.destroy();
  }
  const baselinePdfParseSeconds = (performance.now() - t) / 1000;

  const out: IngestWorkerOutput = {
    warmupSeconds: { firstPdfParse, firstAnalysis },
    documents: summary.documents,
    pdfDocuments: pdfResults.length,
    pdfPages: pdfResults.reduce((n, r) => n + (r.pages ?? 0), 0),
    pdfChunks: pdfResults.reduce((n, r) => n + r.chunks, 0),
    chunks: summary.chunks,
    failed: summary.failed,
    totalSeconds,
    pdfSeconds: pdfMs / 1000,
    otherFilesSeconds: otherMs / 1000,
    writeIndexSeconds,
    pdfStages: { parse: stages.parse / 1000, sectionsChunk: stages.sectionsChunk / 1000, embed: stages.embed / 1000, analyse: stages.analyse / 1000 },
    baselinePdfParseSeconds,
    maxRssMb,
  };
  await writeFile(outputFile, JSON.stringify(out, null, 2));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});

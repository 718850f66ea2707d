/**
 * The naive baseline "bm25-1000": what a developer gets in an afternoon with an
 * off-the-shelf BM25 library and no Swedish text analysis. Every document of the
 * corpus is read as plain text, cut into 1,000-character windows without
 * overlap, and indexed with MiniSearch (BM25, default tokenizer, lower-casing,
 * no stemming). It never abstains; its answer is the first 300 characters of the
 * best window with one citation. The ask-latency target of the system is stated
 * against this baseline ("p95 within 3x the naive BM25 baseline on the same
 * corpus and machine"), so its latency is measured the same way (harness wall time).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import MiniSearch from "minisearch";
import type { Answer, AskRequest, RetrievedPassage } from "../src/core/schemas.js";
import type { PassageLike } from "./gold.js";
import type { AnswerProvider } from "./providers.js";

export const BASELINE_NAME = "bm25-1000";
export const WINDOW_CHARS = 1000;
export const ANSWER_CHARS = 300;
const RETRIEVED = 10;

/** Read as UTF-8 text; everything else goes through the project's parsers. */
const TEXT_EXTENSIONS = new Set([".md", ".markdown", ".txt"]);

/** One indexed window. */
export interface BaselineWindow {
  chunkId: string;
  /** Corpus-relative path, "/" separators. */
  source: string;
  text: string;
}

/** Removes a leading YAML front matter block (`---` … `---`). */
export function stripFrontMatter(text: string): string {
  const m = /^\uFEFF?---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? text.slice(m[0].length) : text.replace(/^\uFEFF/, "");
}

/** Consecutive windows of `size` characters (code points never split), no overlap; empty text gives none. */
export function cutWindows(text: string, size = WINDOW_CHARS): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) {
    const piece = chars.slice(i, i + size).join("");
    if (piece.trim()) out.push(piece);
  }
  return out;
}

export interface BaselineCorpus {
  windows: BaselineWindow[];
  /** Files that could not be read as text (skipped), with the reason. */
  notes: string[];
  files: number;
}

/** Plain text of one document: UTF-8 for text formats, else the project's parser (blocks joined by newlines). */
async function documentText(file: string, source: string): Promise<string> {
  const ext = path.extname(file).toLowerCase();
  const bytes = await readFile(file);
  if (TEXT_EXTENSIONS.has(ext)) return stripFrontMatter(bytes.toString("utf8"));
  // Reading only: the parsers turn PDF/DOCX/HTML into text blocks.
  const { parseFile } = await import("../ingest/parse/index.js");
  const parsed = await parseFile(bytes, source);
  return parsed.blocks.map((b) => b.text).join("\n");
}

/** Reads every document of the corpus (as discovered for ingest: no sidecars, no SOURCES.md) into windows. */
export async function readBaselineCorpus(corpusDir: string): Promise<BaselineCorpus> {
  const { discoverFiles } = await import("../ingest/discover.js");
  const files = await discoverFiles(path.resolve(corpusDir));
  const windows: BaselineWindow[] = [];
  const notes: string[] = [];
  let read = 0;
  for (const f of files) {
    if (!f.supported) {
      notes.push(`${f.source}: skipped (unsupported format)`);
      continue;
    }
    let text: string;
    try {
      text = await documentText(f.path, f.source);
    } catch (err) {
      notes.push(`${f.source}: skipped (${(err as Error).message})`);
      continue;
    }
    read += 1;
    cutWindows(text).forEach((w, i) => { windows.push({ chunkId: `bm25:${f.source}#${i}`, source: f.source, text: w }); });
  }
  return { windows, notes, files: read };
}

/** BM25 over the windows with MiniSearch's defaults (terms OR-combined, no prefix or fuzzy matching). */
export function createBm25Index(windows: readonly BaselineWindow[]) {
  const search = new MiniSearch<{ id: number; text: string }>({ fields: ["text"], idField: "id" });
  search.addAll(windows.map((w, id) => ({ id, text: w.text })));
  return (query: string, k = RETRIEVED): { window: BaselineWindow; score: number }[] =>
    search
      .search(query)
      .slice(0, k)
      .map((r) => ({ window: windows[r.id as number]!, score: r.score }));
}

function passageOf(w: BaselineWindow, score: number): RetrievedPassage {
  return {
    chunkId: w.chunkId,
    documentId: w.source,
    source: w.source,
    title: path.posix.basename(w.source),
    section: "",
    page: null,
    score,
    text: w.text,
  };
}

/** Answer of the baseline for one request (history ignored: a naive system). */
export function baselineAnswer(search: ReturnType<typeof createBm25Index>, request: AskRequest): Answer {
  const started = performance.now();
  const k = Math.max(request.options?.topK ?? RETRIEVED, RETRIEVED);
  const hits = search(request.question, k);
  const retrieved = hits.map((h) => passageOf(h.window, h.score));
  const top = hits[0];
  const quote = top ? Array.from(top.window.text).slice(0, ANSWER_CHARS).join("") : "";
  return {
    answer: top ? `${quote.trim()} [1]` : "",
    abstained: false,
    citations: top
      ? [{ n: 1, chunkId: top.window.chunkId, documentId: top.window.source, source: top.window.source, title: path.posix.basename(top.window.source), section: "", page: null, quote, url: "" }]
      : [],
    notices: [],
    mode: "extractive",
    ...(request.options?.includeRetrieved ? { retrieved } : {}),
    timingMs: performance.now() - started,
  };
}

export interface BaselineProvider extends AnswerProvider {
  readonly baseline: typeof BASELINE_NAME;
  readonly notes: readonly string[];
}

/** Builds the baseline index of `corpusDir` in memory and returns it as an AnswerProvider. */
export async function createBm25BaselineProvider(corpusDir: string): Promise<BaselineProvider> {
  const corpus = await readBaselineCorpus(corpusDir);
  const search = createBm25Index(corpus.windows);
  const byId = new Map(corpus.windows.map((w) => [w.chunkId, w]));
  return {
    mode: "in-process",
    baseline: BASELINE_NAME,
    notes: corpus.notes,
    indexManifest: { baseline: BASELINE_NAME, files: corpus.files, windows: corpus.windows.length, skipped: corpus.notes },
    settings: {
      baseline: BASELINE_NAME,
      library: "minisearch (BM25, default tokenizer, lower-case, no stemming)",
      windowChars: WINDOW_CHARS,
      overlap: 0,
      answerChars: ANSWER_CHARS,
      files: corpus.files,
      windows: corpus.windows.length,
      skipped: corpus.notes,
    },
    ask: async (request) => baselineAnswer(search, request),
    async getChunk(chunkId): Promise<PassageLike | null> {
      const w = byId.get(chunkId);
      return w ? { source: w.source, text: w.text } : null;
    },
    async close() {
      // In memory only.
    },
  };
}

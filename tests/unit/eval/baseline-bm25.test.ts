import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ANSWER_CHARS,
  BASELINE_NAME,
  createBm25BaselineProvider,
  cutWindows,
  readBaselineCorpus,
  stripFrontMatter,
  WINDOW_CHARS,
} from "../../../eval/baseline-bm25.js";
import { runEval } from "../../../eval/run.js";

/** Filler of common words, so that only the rare word tells the windows apart. */
function filler(chars: number): string {
  const words = "rutinen gäller för personalen inom verksamheten och ska följas vid varje besök ";
  return words.repeat(Math.ceil(chars / words.length)).slice(0, chars);
}

let dir: string;
let corpus: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "rutinsvar-bm25-"));
  corpus = path.join(dir, "corpus");
  await mkdir(path.join(corpus, "enhet"), { recursive: true });
  // The rare word sits in the third 1,000-character window of a long document.
  const long = `${filler(2 * WINDOW_CHARS + 100)} Kontakta alltid fjärrtolkcentralen vid behov. ${filler(1500)}`;
  await writeFile(path.join(corpus, "enhet", "lang-rutin.md"), `---\ntitle: Lång rutin\nfjärrtolkcentralen: i front matter räknas inte\n---\n${long}`);
  await writeFile(path.join(corpus, "annan.txt"), filler(1800));
  await writeFile(path.join(corpus, "SOURCES.md"), "fjärrtolkcentralen fjärrtolkcentralen (corpus notes are not documents)");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("bm25-1000 baseline", () => {
  it("strips YAML front matter and cuts 1,000-character windows without overlap", () => {
    expect(stripFrontMatter("---\ntitle: x\n---\n# Rubrik\ntext")).toBe("# Rubrik\ntext");
    expect(stripFrontMatter("# Ingen front matter\n---\n")).toBe("# Ingen front matter\n---\n");
    const text = "a".repeat(2500);
    const windows = cutWindows(text);
    expect(windows.map((w) => w.length)).toEqual([1000, 1000, 500]);
    expect(windows.join("")).toBe(text);
    expect(cutWindows("")).toEqual([]);
  });

  it("reads every document as windows, with corpus-relative sources", async () => {
    const c = await readBaselineCorpus(corpus);
    expect(c.files).toBe(2);
    const sources = [...new Set(c.windows.map((w) => w.source))].sort();
    expect(sources).toEqual(["annan.txt", "enhet/lang-rutin.md"]);
    expect(c.windows.every((w) => w.text.length <= WINDOW_CHARS)).toBe(true);
    expect(c.windows.some((w) => w.text.includes("title:"))).toBe(false);
  });

  it("retrieves the window holding the question's rare word first and answers from it, never abstaining", async () => {
    const provider = await createBm25BaselineProvider(corpus);
    const answer = await provider.ask({
      question: "Vilken rutin gäller för personalen om fjärrtolkcentralen?",
      options: { includeRetrieved: true, topK: 10 },
    });
    const top = answer.retrieved![0]!;
    expect(top.source).toBe("enhet/lang-rutin.md");
    expect(top.chunkId).toBe("bm25:enhet/lang-rutin.md#2");
    expect(top.text).toContain("fjärrtolkcentralen");
    // Every window shares the common words: all 6 (4 + 2) come back, at most 10.
    expect(answer.retrieved!.length).toBe(6);
    expect(answer.abstained).toBe(false);
    expect(answer.citations).toHaveLength(1);
    const cit = answer.citations[0]!;
    expect(cit.n).toBe(1);
    expect(cit.chunkId).toBe(top.chunkId);
    expect(cit.quote).toBe(top.text.slice(0, ANSWER_CHARS));
    expect(answer.answer).toBe(`${cit.quote.trim()} [1]`);
    expect(await provider.getChunk(top.chunkId)).toEqual({ source: top.source, text: top.text });
    expect(await provider.getChunk("nope")).toBeNull();

    const nothing = await provider.ask({ question: "xyzzy", options: { includeRetrieved: true } });
    expect(nothing).toMatchObject({ abstained: false, citations: [], answer: "", retrieved: [] });
    await provider.close();
  });

  it("runs through runEval with --baseline bm25 and says so in the report", async () => {
    const questions = path.join(dir, "q.jsonl");
    await writeFile(
      questions,
      `${JSON.stringify({ id: "q1", question: "Vad gäller om fjärrtolkcentralen?", answer: "Kontakta den.", must_include: ["fjärrtolkcentralen"], sources: [{ doc: "lang-rutin.md", quote: "Kontakta alltid fjärrtolkcentralen vid behov" }], type: "factual" })}\n`,
    );
    const report = await runEval({ questionsFile: questions, corpusDir: corpus, baseline: "bm25", outDir: null });
    expect(report.config.baseline).toBe(BASELINE_NAME);
    expect(report.config.indexDir).toBeNull();
    expect(report.summary.scores["recall@1"]).toBe(1);
    expect(report.summary.scores.citation_validity).toBe(1);
    expect(report.summary.latencyMs.p95).not.toBeNull();
  });
});

import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareReports } from "../../../eval/compare.js";
import { checkFloors, loadFloors } from "../../../eval/floors.js";
import { createHttpProvider } from "../../../eval/providers.js";
import { runEval } from "../../../eval/run.js";
import type { Report } from "../../../eval/types.js";

const QUOTE_A = "Socialtjänsten i Strängnäs kommun har undersökt om en AI-språkmodell kan användas";
const QUOTE_B = "SKR och Digg samarbetar kring stöd till kommunerna om AI och dataskydd";

const chunk = (chunkId: string, source: string, text: string, score: number) => ({
  chunkId,
  documentId: source,
  source,
  title: source,
  section: "",
  page: null,
  score,
  text,
});
const A1 = chunk("a1", "docs/a.txt", `Inledning. ${QUOTE_A}. Resultaten är lovande.`, 0.9);
const M1 = chunk("m1", "c.txt", "Helt orelaterad text om lokaler.", 0.5);
const M2 = chunk("m2", "c.txt", "Ännu en orelaterad text om parkering.", 0.4);
const X1 = { source: "c.txt", text: "Kostnaden för konsulter var 569 676 kronor under året." };

const cite = (n: number, c: { chunkId: string; source: string }, quote: string) => ({
  n,
  chunkId: c.chunkId,
  documentId: c.source,
  source: c.source,
  title: c.source,
  section: "",
  page: null,
  quote,
  url: `/api/sources/${c.chunkId}`,
});

/** Scripted /api/ask responses, keyed by question. */
const SCRIPT: Record<string, unknown> = {
  "Vilken kommun testade AI och vad kostade konsulterna?": {
    answer: "Strängnäs kommun [1]. Kostnad 569\u00a0676 kr [2].",
    abstained: false,
    citations: [cite(1, A1, "Strängnäs kommun har undersökt"), cite(2, { chunkId: "x1", source: "c.txt" }, "569 676 kronor")],
    retrieved: [M1, M2, A1],
    notices: [],
    timingMs: 12,
  },
  "Och vilka samarbetar?": {
    answer: "Digg och SKR [1].",
    abstained: false,
    citations: [cite(1, A1, "Strängnäs  kommun")],
    retrieved: [A1, M1],
    notices: [],
    timingMs: 8,
  },
  "Vad kostar <b>avgiften</b>?": {
    answer: "Det framgår inte av dokumenten.",
    abstained: true,
    citations: [],
    retrieved: [M1],
    notices: [],
    timingMs: 3,
  },
};

const received: { url: string; body: unknown }[] = [];
let server: Server;
let baseUrl: string;

async function readBody(req: IncomingMessage): Promise<string> {
  let data = "";
  for await (const part of req) data += String(part);
  return data;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    if (req.method === "POST" && req.url === "/api/ask") {
      const body = JSON.parse(await readBody(req)) as { question: string };
      received.push({ url: req.url, body });
      const scripted = SCRIPT[body.question];
      if (scripted) return send(res, 200, scripted);
      return send(res, 500, { error: { code: "internal", message: "trasig", requestId: "r1" } });
    }
    if (req.method === "GET" && req.url === "/api/sources/x1") {
      received.push({ url: req.url, body: null });
      return send(res, 200, { chunk: X1 });
    }
    return send(res, 404, { error: { code: "not_found", message: "finns inte", requestId: "r2" } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const question = (over: Record<string, unknown>) =>
  JSON.stringify({ must_include: [], sources: [], previous: [], ...over });

async function writeFixture(): Promise<{ dir: string; questions: string; corpus: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "eval-http-"));
  const corpus = path.join(dir, "corpus");
  await mkdir(path.join(corpus, "docs"), { recursive: true });
  await writeFile(path.join(corpus, "docs", "a.txt"), QUOTE_A);
  await writeFile(path.join(corpus, "b.txt"), QUOTE_B);
  await writeFile(path.join(corpus, "c.txt"), X1.text);
  const lines = [
    question({
      id: "h1",
      type: "factual",
      question: "Vilken kommun testade AI och vad kostade konsulterna?",
      answer: "Strängnäs kommun, 569 676 kronor.",
      must_include: ["569 676", "Helsingborg"],
      sources: [{ doc: "a.txt", quote: QUOTE_A }],
    }),
    "{trasig rad",
    question({
      id: "h2",
      type: "follow-up",
      question: "Och vilka samarbetar?",
      answer: "Digg och SKR samarbetar.",
      must_include: ["Digg", "SKR"],
      sources: [
        { doc: "a.txt", quote: QUOTE_A },
        { doc: "b.txt", quote: QUOTE_B },
      ],
      previous: [{ question: "Vem har uppdraget?", answer: "Digg." }],
    }),
    question({
      id: "h3",
      type: "unanswerable",
      question: "Vad kostar <b>avgiften</b>?",
      answer: "Det framgår inte av dokumenten vilka avgifter som gäller.",
    }),
  ];
  const questions = path.join(dir, "questions.jsonl");
  await writeFile(questions, `${lines.join("\n")}\n`);
  return { dir, questions, corpus };
}

describe("HTTP provider", () => {
  it("turns the error envelope into a typed error naming status and message", async () => {
    const provider = createHttpProvider({ baseUrl });
    await expect(provider.ask({ question: "okänd fråga" })).rejects.toThrow(
      /POST http:\/\/127\.0\.0\.1:\d+\/api\/ask returned 500 \(internal: trasig\)/,
    );
  });

  it("looks chunks up by id and returns null on 404", async () => {
    const provider = createHttpProvider({ baseUrl });
    expect(await provider.getChunk("x1")).toEqual(X1);
    expect(await provider.getChunk("nope")).toBeNull();
  });
});

describe("runEval over HTTP", () => {
  let report: Report;
  let outDir: string;

  beforeAll(async () => {
    const fx = await writeFixture();
    outDir = path.join(fx.dir, "out");
    received.length = 0;
    report = await runEval({ questionsFile: fx.questions, corpusDir: fx.corpus, url: baseUrl, outDir });
  });

  it("sends history, includeRetrieved and topK 10, and fetches cited chunks missing from retrieved", () => {
    const asks = received.filter((r) => r.url === "/api/ask").map((r) => r.body);
    expect(asks[1]).toEqual({
      question: "Och vilka samarbetar?",
      history: [
        { role: "user", content: "Vem har uppdraget?" },
        { role: "assistant", content: "Digg." },
      ],
      options: { includeRetrieved: true, topK: 10 },
    });
    expect(received.filter((r) => r.url === "/api/sources/x1")).toHaveLength(1);
  });

  it("scores every item as computed by hand", () => {
    const score = (id: string) => Object.fromEntries(report.items.find((i) => i.id === id)!.metrics.map((m) => [m.key, m.score]));
    const h1 = score("h1");
    expect(h1).toMatchObject({
      "recall@1": 0,
      "recall@5": 1,
      "recall@10": 1,
      citation_precision: 0.5,
      citation_recall: 1,
      citation_validity: 1,
      must_include_recall: 0.5,
      abstention_correct: 1,
    });
    expect(h1["mrr@10"]).toBeCloseTo(1 / 3);
    // answer tokens: strängnäs kommun kostnad 569 676 kr; reference: strängnäs kommun 569 676 kronor → 4 shared.
    expect(h1.answer_f1).toBeCloseTo(16 / 22);

    expect(score("h2")).toMatchObject({
      "recall@1": 0.5,
      "recall@5": 0.5,
      "recall@10": 0.5,
      "mrr@10": 1,
      citation_precision: 1,
      citation_recall: 0.5,
      citation_validity: 0,
      must_include_recall: 1,
      abstention_correct: 1,
    });
    expect(score("h2").answer_f1).toBeCloseTo(6 / 7);

    expect(score("h3")).toMatchObject({
      "recall@1": null,
      "mrr@10": null,
      citation_precision: null,
      citation_recall: null,
      citation_validity: null,
      must_include_recall: null,
      abstention_correct: 1,
    });
    expect(score("h3").answer_f1).toBeCloseTo(10 / 14);
  });

  it("aggregates overall and per type", () => {
    const s = report.summary.scores;
    expect(report.summary.n).toBe(3);
    expect(report.summary.errors).toBe(0);
    expect(s["recall@1"]).toBeCloseTo(0.25);
    expect(s["recall@5"]).toBeCloseTo(0.75);
    expect(s["mrr@10"]).toBeCloseTo(2 / 3);
    expect(s.citation_precision).toBeCloseTo(0.75);
    expect(s.citation_recall).toBeCloseTo(0.75);
    expect(s.citation_validity).toBeCloseTo(0.5);
    expect(s.must_include_recall).toBeCloseTo(0.75);
    expect(s.answer_f1).toBeCloseTo((16 / 22 + 6 / 7 + 10 / 14) / 3);
    expect(report.summary.abstention).toEqual({ tp: 1, fp: 0, fn: 0, tn: 2, precision: 1, recall: 1, f1: 1, wrongAbstentionRate: 0 });
    const { p50, p95, max } = report.summary.latencyMs;
    expect(p50).toBeGreaterThan(0);
    expect(p95!).toBeGreaterThanOrEqual(p50!);
    expect(max!).toBeGreaterThanOrEqual(p95!);
    expect(Object.keys(report.byType)).toEqual(["factual", "unanswerable", "follow-up"]);
    expect(report.byType["follow-up"]!.scores["citation_recall"]).toBe(0.5);
    expect(report.byType.unanswerable!.scores["recall@5"]).toBeNull();
  });

  it("writes report.json and a self-contained, escaped report.html", async () => {
    const json = JSON.parse(await readFile(path.join(outDir, "report.json"), "utf8")) as Report;
    expect(json.summary.scores["recall@5"]).toBeCloseTo(0.75);
    expect(json.config).toMatchObject({ mode: "http", url: baseUrl, indexDir: null, outDir });
    expect(json.issues).toEqual([expect.objectContaining({ line: 2, severity: "skipped" })]);
    expect(json.items[0]!.lookedUpChunks).toEqual({ x1: X1 });

    const html = await readFile(path.join(outDir, "report.html"), "utf8");
    expect(html).toContain("Vad kostar &lt;b&gt;avgiften&lt;/b&gt;?");
    expect(html).not.toContain("<b>avgiften</b>");
    expect(html).not.toMatch(/<script|<link|src=|href="http/);
    expect(html).toContain("off-gold");
    expect(html).toContain("not verbatim");
    expect(html).toContain("must_include_recall");
  });

  it("flags a drop of more than 0.01 as a regression when comparing", () => {
    const worse: Report = structuredClone(report);
    worse.summary.scores["recall@5"] = 0.7;
    worse.summary.scores["latency_p95_ms"] = 1e9;
    const rows = compareReports(report, worse);
    const regressions = rows.filter((r) => r.regression).map((r) => `${r.scope}:${r.key}`);
    expect(regressions).toEqual(["overall:recall@5"]);
  });

  it("checks floors, failing on misses and on missing metrics", async () => {
    // The shipped floors file must parse; its values are for the dev set, checked by the eval gate.
    const floors = await loadFloors();
    expect(floors.min["citation_validity"]).toBe(1);
    const lenient = { ...floors, min: { "recall@5": 0.75 }, max: { wrong_abstention_rate: 1 }, byType: {} };
    expect(checkFloors(report, lenient)).toEqual([]);
    const strict = { ...floors, min: { "recall@5": 0.8 }, max: { wrong_abstention_rate: 0 }, byType: { procedural: { min: { "recall@5": 0.5 }, max: {} } } };
    expect(checkFloors(report, strict).map((f) => f.message)).toEqual([
      "overall recall@5 = 0.75, floor 0.8",
      "procedural recall@5 = missing, floor 0.5",
    ]);
  });
});

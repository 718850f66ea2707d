import { describe, expect, it } from "vitest";
import { binIndex, binPoints, observedCorrect, reliabilitySvg, summarizeCalibration } from "../../../eval/calibration.js";
import { answerResponseSchema } from "../../../eval/providers.js";
import { renderReportHtml } from "../../../eval/report-html.js";
import type { QuestionType } from "../../../eval/questions.js";
import type { ItemReport, Report } from "../../../eval/types.js";

function item(id: string, type: QuestionType, opts: { confidence?: number; abstained?: boolean; recall5?: number | null; failed?: boolean }): ItemReport {
  return {
    id,
    type,
    line: 1,
    question: `q ${id}`,
    previous: [],
    reference: { answer: "", mustInclude: [], sources: [] },
    response: opts.failed
      ? null
      : ({
          answer: "a",
          abstained: opts.abstained ?? false,
          citations: [],
          notices: [],
          timingMs: 1,
          ...(opts.confidence !== undefined ? { confidence: opts.confidence } : {}),
        } as ItemReport["response"]),
    error: opts.failed ? "boom" : null,
    latencyMs: 1,
    lookedUpChunks: {},
    citations: [],
    retrieved: [],
    gold: [],
    metrics: [{ key: "recall@5", score: type === "unanswerable" ? null : (opts.recall5 ?? 0), comment: "" }],
  };
}

describe("calibration", () => {
  it("puts confidences in ten equal-width bins, 1.0 in the last", () => {
    expect([0, 0.05, 0.1, 0.5, 0.95, 0.999, 1].map((c) => binIndex(c))).toEqual([0, 0, 1, 5, 9, 9, 9]);
  });

  it("counts an item correct only when answerable, answered and recall@5 > 0", () => {
    expect(observedCorrect(item("a", "factual", { recall5: 0.5 }))).toBe(true);
    expect(observedCorrect(item("b", "factual", { recall5: 0 }))).toBe(false);
    expect(observedCorrect(item("c", "factual", { recall5: 1, abstained: true }))).toBe(false);
    expect(observedCorrect(item("d", "unanswerable", {}))).toBe(false);
    expect(observedCorrect(item("e", "factual", { failed: true }))).toBe(false);
  });

  it("bins, Brier and ECE match a hand computation; items without confidence are counted as missing", () => {
    const items = [
      item("1", "factual", { confidence: 0.92, recall5: 1 }),
      item("2", "factual", { confidence: 0.98, recall5: 0 }),
      item("3", "procedural", { confidence: 0.95, recall5: 1 }),
      item("4", "unanswerable", { confidence: 0.15, abstained: true }),
      item("5", "factual", { confidence: 0.12, recall5: 1 }),
      item("6", "factual", { recall5: 1 }),
      item("7", "factual", { confidence: 1.5, recall5: 1 }),
    ];
    const cal = summarizeCalibration(items);
    expect(cal.n).toBe(5);
    expect(cal.missing).toBe(2);
    expect(cal.bins.map((b) => b.n)).toEqual([0, 2, 0, 0, 0, 0, 0, 0, 0, 3]);
    expect(cal.bins[9]!.observed).toBeCloseTo(2 / 3);
    expect(cal.bins[9]!.meanConfidence).toBeCloseTo((0.92 + 0.98 + 0.95) / 3);
    expect(cal.bins[1]!.observed).toBeCloseTo(0.5);
    expect(cal.bins[0]!.observed).toBeNull();
    const brier = ((0.92 - 1) ** 2 + 0.98 ** 2 + (0.95 - 1) ** 2 + 0.15 ** 2 + (0.12 - 1) ** 2) / 5;
    expect(cal.brier).toBeCloseTo(brier, 10);
    const ece = (3 / 5) * Math.abs(0.95 - 2 / 3) + (2 / 5) * Math.abs(0.135 - 0.5);
    expect(cal.ece).toBeCloseTo(ece, 10);
    expect(summarizeCalibration([item("x", "factual", {})])).toMatchObject({ n: 0, brier: null, ece: null });
  });

  it("draws one bar per non-empty bin at its observed correctness, with counts and the diagonal, no scripts", () => {
    const bins = binPoints([
      { confidence: 0.05, correct: false },
      { confidence: 0.55, correct: true },
      { confidence: 0.58, correct: false },
      { confidence: 0.59, correct: false },
      { confidence: 0.58, correct: true },
      { confidence: 1, correct: true },
    ]);
    const svg = reliabilitySvg(bins);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toMatch(/<script|on\w+=/i);
    const bars = [...svg.matchAll(/<rect class="bin" data-bin="(\d+)" data-n="(\d+)" data-observed="([\d.]+)"[^>]*height="([\d.]+)"/g)].map((m) => ({
      bin: Number(m[1]),
      n: Number(m[2]),
      observed: Number(m[3]),
      height: Number(m[4]),
    }));
    expect(bars.map((b) => [b.bin, b.n, b.observed])).toEqual([
      [0, 1, 0],
      [5, 4, 0.5],
      [9, 1, 1],
    ]);
    // Plot height 240: bar heights proportional to observed correctness.
    expect(bars.map((b) => b.height)).toEqual([0, 120, 240]);
    expect([...svg.matchAll(/<text class="count"[^>]*>(\d+)<\/text>/g)].map((m) => Number(m[1]))).toEqual([1, 4, 1]);
    expect(svg).toContain('class="diagonal"');
  });

  it("report.html shows the diagram only when answers carry a confidence; HTTP answers keep it", () => {
    const base: Report = {
      summary: { n: 0, errors: 0, scores: {}, abstention: { tp: 0, fp: 0, fn: 0, tn: 0, precision: null, recall: null, f1: null, wrongAbstentionRate: null }, latencyMs: { p50: null, p95: null, max: null } },
      byType: {},
      items: [item("1", "factual", { recall5: 1 })],
      config: { mode: "in-process", timestamp: "t", questionsFile: "q", corpusDir: "c", indexDir: null, url: null, outDir: null, gitCommit: null, indexManifest: null, settings: {} },
      issues: [],
    };
    expect(renderReportHtml(base)).not.toContain("<svg");
    const html = renderReportHtml({ ...base, items: [item("1", "factual", { confidence: 0.8, recall5: 1 })] });
    expect(html).toContain("<h2>Calibration</h2>");
    expect(html).toContain("<svg");
    expect(html).toContain("Brier score 0.040");
    expect(html).not.toContain("<script");
    const parsed = answerResponseSchema.parse({ answer: "a", abstained: false, citations: [], confidence: 0.42 });
    expect(parsed.confidence).toBe(0.42);
  });
});

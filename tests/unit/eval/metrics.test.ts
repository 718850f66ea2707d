import { describe, expect, it } from "vitest";
import { abstentionStats, summarize } from "../../../eval/aggregate.js";
import { baseName, isGoldHit, quoteTokenCoverage, wordTokens } from "../../../eval/gold.js";
import {
  abstentionCorrect,
  answerTokenF1,
  citationPrecision,
  citationRecall,
  citationValidity,
  mrrAt10,
  mustIncludeRecall,
  percentile,
  recallAtK,
} from "../../../eval/metrics.js";
import type { ResolvedCitation } from "../../../eval/metrics.js";

const DOC = "rutin-orosanmalan.txt";
const QUOTE = "Socialtjänsten i Strängnäs kommun har undersökt om en AI-språkmodell kan användas";
const numbered = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `ord${from + i}`).join(" ");

describe("gold hit rule", () => {
  it("tokenises with NFC and lower case into letter/digit runs", () => {
    expect(wordTokens("STRÄNGNÄS, AI-språkmodell 2024!")).toEqual(["strängnäs", "ai", "språkmodell", "2024"]);
    // "å" written as a + combining ring must equal the precomposed letter.
    expect(wordTokens("Sa\u030ager")).toEqual(["såger"]);
  });

  it("takes the base file name of a nested source", () => {
    expect(baseName("socialtjanst/barn/rutin.txt")).toBe("rutin.txt");
    expect(baseName("rutin.txt")).toBe("rutin.txt");
  });

  it("hits a passage from the same doc containing the quote in other case and whitespace", () => {
    const passage = { source: `rutiner/${DOC}`, text: `Inledning.\n\nSOCIALTJÄNSTEN i  Strängnäs kommun har\tundersökt om en AI-språkmodell kan användas för att…` };
    expect(isGoldHit(passage, { doc: DOC, quote: QUOTE })).toBe(true);
  });

  it("misses when the doc differs even if the text matches", () => {
    expect(isGoldHit({ source: "annan.txt", text: QUOTE }, { doc: DOC, quote: QUOTE })).toBe(false);
  });

  it("misses at 49 % of distinct quote tokens and hits at exactly 50 %", () => {
    const quote = numbered(0, 100);
    const near = { source: DOC, text: numbered(0, 49) };
    const exact = { source: DOC, text: numbered(0, 50) };
    expect(quoteTokenCoverage(quote, near.text)).toBeCloseTo(0.49);
    expect(isGoldHit(near, { doc: DOC, quote })).toBe(false);
    expect(isGoldHit(exact, { doc: DOC, quote })).toBe(true);
  });

  it("counts distinct quote tokens only", () => {
    // Distinct tokens {a, b}: "a" present is 50 % even though "b" repeats.
    expect(isGoldHit({ source: DOC, text: "a" }, { doc: DOC, quote: "a b b b b" })).toBe(true);
  });

  it("never hits with a quote that has no tokens", () => {
    expect(isGoldHit({ source: DOC, text: "vad som helst" }, { doc: DOC, quote: "– … !" })).toBe(false);
  });
});

describe("retrieval metrics", () => {
  const goldA = { doc: "a.txt", quote: "alfa beta gamma delta" };
  const goldB = { doc: "b.txt", quote: "epsilon zeta eta theta" };
  const miss = { source: "c.txt", text: "ingenting relevant här" };
  const hitA = { source: "a.txt", text: "alfa beta gamma" };
  const hitB = { source: "dir/b.txt", text: "epsilon zeta" };

  it("gives recall 0.5 when one of two sources is found and 1.0 when both are", () => {
    expect(recallAtK([hitA, miss], [goldA, goldB], 5).score).toBe(0.5);
    expect(recallAtK([hitA, miss, hitB], [goldA, goldB], 5).score).toBe(1);
    expect(recallAtK([miss, hitA], [goldA, goldB], 1).score).toBe(0);
  });

  it("explains which gold source is missing", () => {
    expect(recallAtK([hitA], [goldA, goldB], 5).comment).toContain("missing: #2 b.txt");
  });

  it("is null for items without gold sources", () => {
    expect(recallAtK([hitA], [], 10).score).toBeNull();
    expect(mrrAt10([hitA], []).score).toBeNull();
  });

  it("scores MRR 1/3 when the first hit is at rank 3, 0 beyond rank 10", () => {
    expect(mrrAt10([miss, miss, hitB, hitA], [goldA, goldB]).score).toBeCloseTo(1 / 3);
    const eleven = [...Array.from({ length: 10 }, () => miss), hitA];
    expect(mrrAt10(eleven, [goldA]).score).toBe(0);
  });
});

describe("citation metrics", () => {
  const gold = [{ doc: "a.txt", quote: "alfa beta gamma delta" }];
  const chunk = "Text före. alfa beta gamma delta. Text efter.";
  const cite = (n: number, quote: string, source = "a.txt", chunkText: string | null = chunk): ResolvedCitation => ({
    n,
    chunkId: `c${n}`,
    quote,
    source,
    chunkText,
  });

  it("checks quotes verbatim against the chunk text", () => {
    expect(citationValidity([cite(1, "alfa beta gamma")]).score).toBe(1);
    const r = citationValidity([cite(1, "alfa beta gamma"), cite(2, "Alfa beta")]);
    expect(r.score).toBe(0.5);
    expect(r.comment).toContain("[2]");
    expect(citationValidity([cite(1, "alfa", "a.txt", null)]).score).toBe(0);
    expect(citationValidity([]).score).toBeNull();
  });

  it("tests precision and recall against the full chunk, not only the quote", () => {
    const citations = [cite(1, "Text före."), cite(2, "x", "other.txt", "helt annat")];
    expect(citationPrecision(citations, gold).score).toBe(0.5);
    expect(citationRecall(citations, gold).score).toBe(1);
  });

  it("is not applicable without citations (precision) or without gold (both)", () => {
    expect(citationPrecision([], gold).score).toBeNull();
    expect(citationRecall([], gold).score).toBe(0);
    expect(citationPrecision([cite(1, "alfa")], []).score).toBeNull();
    expect(citationRecall([cite(1, "alfa")], []).score).toBeNull();
  });
});

describe("must-include recall", () => {
  it("matches case- and whitespace-insensitively, NBSP and narrow NBSP included", () => {
    const answer = "Konsulterna kostade 569\u00a0676 kronor, beslut i STRÄNGNÄS den 16\u202fjanuari\n2024.";
    const r = mustIncludeRecall(answer, ["569 676", "Strängnäs", "16 januari 2024"], false);
    expect(r.score).toBe(1);
  });

  it("reports the missing terms", () => {
    const r = mustIncludeRecall("Bara Helsingborg.", ["Helsingborg", "arabiska"], false);
    expect(r.score).toBe(0.5);
    expect(r.comment).toContain('"arabiska"');
  });

  it("is null for unanswerable items and empty lists", () => {
    expect(mustIncludeRecall("x", [], false).score).toBeNull();
    expect(mustIncludeRecall("x", ["x"], true).score).toBeNull();
  });
});

describe("abstention", () => {
  it("fills each cell of the confusion matrix", () => {
    const stats = abstentionStats([
      { predicted: true, expected: true }, // tp
      { predicted: true, expected: false }, // fp
      { predicted: false, expected: true }, // fn
      { predicted: false, expected: false }, // tn
      { predicted: false, expected: false }, // tn
    ]);
    expect(stats).toMatchObject({ tp: 1, fp: 1, fn: 1, tn: 2 });
    expect(stats.precision).toBe(0.5);
    expect(stats.recall).toBe(0.5);
    expect(stats.f1).toBe(0.5);
    expect(stats.wrongAbstentionRate).toBeCloseTo(1 / 3);
  });

  it("leaves undefined ratios null", () => {
    const stats = abstentionStats([{ predicted: false, expected: false }]);
    expect(stats.precision).toBeNull();
    expect(stats.recall).toBeNull();
    expect(stats.f1).toBeNull();
    expect(stats.wrongAbstentionRate).toBe(0);
  });

  it("scores each item 1 when right and 0 when wrong", () => {
    expect(abstentionCorrect(true, true).score).toBe(1);
    expect(abstentionCorrect(false, false).score).toBe(1);
    expect(abstentionCorrect(true, false).score).toBe(0);
    expect(abstentionCorrect(false, true).comment).toBe("answered, expected to abstain");
  });
});

describe("answer token F1", () => {
  it("computes bag-of-tokens F1 after removing citation markers", () => {
    // answer tokens: den 16 januari 2024 (4); reference: webbinariet hölls den 16 januari 2024 (6); common 4.
    const r = answerTokenF1("Den 16 januari 2024 [1][2].", "Webbinariet hölls den 16 januari 2024.");
    const p = 4 / 4;
    const rec = 4 / 6;
    expect(r.score).toBeCloseTo((2 * p * rec) / (p + rec));
  });

  it("counts repeated tokens at most as often as in the reference", () => {
    // answer: ja ja ja (3), reference: ja nej (2); common 1 → P 1/3, R 1/2, F1 0.4.
    expect(answerTokenF1("ja ja ja", "ja nej").score).toBeCloseTo(0.4);
  });

  it("is 0 without overlap and 1 when both are empty", () => {
    expect(answerTokenF1("hej", "då").score).toBe(0);
    expect(answerTokenF1("[1]", "…").score).toBe(1);
  });
});

describe("percentiles and means", () => {
  it("interpolates linearly between ranks", () => {
    expect(percentile([40, 10, 30, 20], 50)).toBe(25);
    expect(percentile([10, 20, 30, 40], 95)).toBeCloseTo(38.5);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it("averages a metric only over items where it applies", () => {
    const base = {
      line: 1,
      question: "q",
      previous: [],
      reference: { answer: "", mustInclude: [], sources: [] },
      error: null,
      lookedUpChunks: {},
      citations: [],
      retrieved: [],
      gold: [],
    };
    const summary = summarize([
      { ...base, id: "a", type: "factual", response: null, latencyMs: 10, metrics: [{ key: "recall@5", score: 1, comment: "" }] },
      { ...base, id: "b", type: "factual", response: null, latencyMs: 30, metrics: [{ key: "recall@5", score: 0, comment: "" }] },
      { ...base, id: "c", type: "unanswerable", response: null, latencyMs: 20, metrics: [{ key: "recall@5", score: null, comment: "" }] },
    ]);
    expect(summary.scores["recall@5"]).toBe(0.5);
    expect(summary.latencyMs).toEqual({ p50: 20, p95: 29, max: 30 });
  });
});

describe("judge verdicts", () => {
  it("maps RAGAS counts to faithfulness and answer correctness", async () => {
    const { verdictToMetrics } = await import("../../../eval/judge.js");
    const [faith, correct] = verdictToMetrics({ claims_total: 4, claims_supported: 3, tp: 2, fp: 1, fn: 1 });
    expect(faith).toMatchObject({ key: "faithfulness", score: 0.75 });
    expect(correct).toMatchObject({ key: "answer_correctness", score: 2 / 3 });
    expect(verdictToMetrics({ claims_total: 0, claims_supported: 0, tp: 0, fp: 0, fn: 0 }).map((m) => m.score)).toEqual([null, null]);
  });
});

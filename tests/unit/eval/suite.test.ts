import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ablationMarkdown, ablationRows, parseComponents } from "../../../eval/ablation.js";
import { loadSets } from "../../../eval/sets.js";
import { runSuite, type SuiteResult } from "../../../eval/suite.js";
import type { Report } from "../../../eval/types.js";
import { tempDir, testConfig } from "../../helpers/fixture-index.js";

const SETS_FILE = path.resolve("tests/fixtures/eval-suite/sets.json");

let dir: string;
let system: SuiteResult;
let baseline: SuiteResult;
const indexDirs: string[] = [];

beforeAll(async () => {
  dir = await tempDir("rutinsvar-suite-");
  const sets = await loadSets(SETS_FILE);
  system = await runSuite({
    sets,
    setsFile: SETS_FILE,
    outDir: path.join(dir, "system"),
    config: testConfig(),
    indexDirFor: (corpus) => {
      const d = path.join(dir, "index", path.basename(corpus));
      indexDirs.push(d);
      return d;
    },
  });
  baseline = await runSuite({ sets, setsFile: SETS_FILE, outDir: path.join(dir, "baseline"), baseline: "bm25", config: testConfig() });
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("question-set suite", () => {
  it("writes suite.json with per-set and per-type figures, and each set's report", async () => {
    const written = JSON.parse(await readFile(path.join(dir, "system", "suite.json"), "utf8")) as SuiteResult;
    expect(written).toEqual(JSON.parse(JSON.stringify(system)));
    expect(written.baseline).toBeNull();
    expect(written.ablate).toEqual([]);
    expect(written.sets.map((s) => [s.name, s.role, s.n, s.errors])).toEqual([
      ["tolk", "diagnose", 3, 0],
      ["bistand", "judge", 3, 0],
    ]);
    for (const s of written.sets) {
      for (const key of ["recall@5", "mrr@10", "must_include_recall", "citation_precision", "abstention_f1", "wrong_abstention_rate", "latency_p95_ms"]) {
        expect(s.scores, `${s.name} ${key}`).toHaveProperty(key);
      }
      const report = JSON.parse(await readFile(path.join(s.reportDir, "report.json"), "utf8")) as Report;
      expect(report.summary.scores).toEqual(s.scores);
      expect(existsSync(path.join(s.reportDir, "report.html"))).toBe(true);
      expect(s.reportDir).toBe(path.join(dir, "system", s.name));
    }
    const tolk = written.sets[0]!;
    expect(Object.keys(tolk.byType)).toEqual(["factual", "procedural", "unanswerable"]);
    expect(tolk.byType.factual!.n).toBe(1);
    expect(tolk.byType.unanswerable!.scores["recall@5"]).toBeNull();
    const bistand = written.sets[1]!;
    expect(Object.keys(bistand.byType)).toEqual(["factual", "unanswerable"]);
    expect(bistand.byType.factual!.n).toBe(2);
    // The system finds these easy passages.
    expect(bistand.byType.factual!.scores["recall@5"]).toBe(1);
    // One index per corpus.
    expect(new Set(indexDirs).size).toBe(2);
    expect(written.sets.map((s) => s.indexDir)).toEqual([path.join(dir, "index", "corpus-tolk"), path.join(dir, "index", "corpus-bistand")]);
  });

  it("writes suite.md with the suite table and a per-type table per set", async () => {
    const md = await readFile(path.join(dir, "system", "suite.md"), "utf8");
    expect(md).toMatch(/^\| set \| role \| n \| recall@5 \| mrr@10 \| must-include \|/m);
    expect(md).toMatch(/^\| tolk \| diagnose \| 3 \|/m);
    expect(md).toMatch(/^\| bistand \| judge \| 3 \|/m);
    expect(md).toContain("## tolk (diagnose)");
    expect(md).toMatch(/^\| type \| n \| recall@5 \| must-include \| wrong abst\. ↓ \|$/m);
    expect(md).toMatch(/^\| procedural \| 1 \|/m);
  });

  it("runs the bm25-1000 baseline over the same sets: never abstains, says so", async () => {
    expect(baseline.baseline).toBe("bm25-1000");
    expect(baseline.sets.map((s) => s.n)).toEqual([3, 3]);
    for (const s of baseline.sets) {
      expect(s.scores.wrong_abstention_rate).toBe(0);
      expect(s.scores.abstention_recall).toBe(0);
      expect(s.indexDir).toBeNull();
      const report = JSON.parse(await readFile(path.join(s.reportDir, "report.json"), "utf8")) as Report;
      expect(report.config.baseline).toBe("bm25-1000");
    }
    expect(await readFile(path.join(dir, "baseline", "suite.md"), "utf8")).toContain("baseline: bm25-1000");
  });
});

describe("ablation table", () => {
  it("has default, one row per component and the baseline; deltas are default minus row", () => {
    expect(parseComponents(undefined)).toContain("calibration");
    expect(parseComponents("typos, rerank")).toEqual(["typos", "rerank"]);
    expect(() => parseComponents("typos,nope")).toThrow(/unknown component\(s\) nope/);
    const rows = ablationRows(["typos"]);
    expect(rows.map((r) => [r.name, r.ablate, r.baseline])).toEqual([
      ["default (all on)", "", false],
      ["− typos", "typos", false],
      ["baseline bm25-1000", null, true],
    ]);
    const suite = (r5: number, mi: number, wa: number): SuiteResult => ({
      ...system,
      sets: system.sets.map((s, i) => ({ ...s, scores: { ...s.scores, "recall@5": r5 + i * 0.1, must_include_recall: mi, wrong_abstention_rate: wa } })),
    });
    const md = ablationMarkdown(rows, [suite(0.8, 0.6, 0.1), suite(0.7, 0.6, 0.2), null]);
    const lines = md.split("\n");
    expect(lines[0]).toBe("| configuration | tolk R@5 | tolk MI | tolk WA↓ | bistand R@5 | bistand MI | bistand WA↓ | mean R@5 | Δ | mean MI | Δ | mean WA↓ | Δ |");
    expect(lines[2]).toBe("| default (all on) | 0.800 | 0.600 | 0.100 | 0.900 | 0.600 | 0.100 | 0.850 |  | 0.600 |  | 0.100 |  |");
    expect(lines[3]).toBe("| − typos | 0.700 | 0.600 | 0.200 | 0.800 | 0.600 | 0.200 | 0.750 | +0.100 | 0.600 | 0.000 | 0.200 | -0.100 |");
    expect(lines[4]).toContain("| baseline bm25-1000 | failed |");
  });
});

/**
 * Regression gate: the offline default must keep meeting the floors in
 * eval/floors.json on the development question set in ../shared/dev-eval,
 * those in eval/floors-corpus.json on the project's own question set over
 * corpus/, and those in eval/floors-styrdokument.json on the blind-written
 * set over the real statutes and guidelines in ../shared/corpora.
 */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkFloors, loadFloors } from "../../eval/floors.js";
import { runEval } from "../../eval/run.js";
import { tempDir, testConfig } from "../helpers/fixture-index.js";

const DEV_EVAL = path.resolve("../shared/dev-eval");
const available = existsSync(path.join(DEV_EVAL, "questions.jsonl"));
if (!available) console.warn(`eval gate skipped: ${DEV_EVAL} not found (CI provides ../shared beside the clone)`);

let dir: string | undefined;
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe.skipIf(!available)("dev-eval regression gate", () => {
  it("meets every floor in eval/floors.json", async () => {
    dir = await tempDir("rutinsvar-gate-");
    const indexDir = path.join(dir, "index");
    const report = await runEval({
      questionsFile: path.join(DEV_EVAL, "questions.jsonl"),
      corpusDir: path.join(DEV_EVAL, "corpus"),
      indexDir,
      outDir: null,
      config: testConfig({ INDEX_DIR: indexDir }),
    });
    expect(report.summary.errors).toBe(0);
    expect(report.summary.n).toBe(30);
    const failures = checkFloors(report, await loadFloors());
    expect(failures).toEqual([]);
  });
});

describe("corpus question-set regression gate", () => {
  it("meets every floor in eval/floors-corpus.json", async () => {
    const own = await tempDir("rutinsvar-gate-corpus-");
    try {
      const indexDir = path.join(own, "index");
      const report = await runEval({
        questionsFile: path.resolve("eval/questions-corpus.jsonl"),
        corpusDir: path.resolve("corpus"),
        indexDir,
        outDir: null,
        config: testConfig({ INDEX_DIR: indexDir }),
      });
      expect(report.summary.errors).toBe(0);
      expect(report.summary.n).toBe(30);
      const failures = checkFloors(report, await loadFloors(path.resolve("eval/floors-corpus.json")));
      expect(failures).toEqual([]);
    } finally {
      await fs.rm(own, { recursive: true, force: true });
    }
  }, 240_000);
});

const STYRDOKUMENT = path.resolve("../shared/corpora/sv-styrdokument");
const styrAvailable = existsSync(STYRDOKUMENT);
if (!styrAvailable) console.warn(`eval gate skipped: ${STYRDOKUMENT} not found (CI provides ../shared beside the clone)`);

describe.skipIf(!styrAvailable)("statutes and guidelines regression gate", () => {
  it("meets every floor in eval/floors-styrdokument.json", async () => {
    const own = await tempDir("rutinsvar-gate-styr-");
    try {
      const indexDir = path.join(own, "index");
      const report = await runEval({
        questionsFile: path.resolve("eval/questions-styrdokument.jsonl"),
        corpusDir: STYRDOKUMENT,
        indexDir,
        outDir: null,
        config: testConfig({ INDEX_DIR: indexDir }),
      });
      expect(report.summary.errors).toBe(0);
      expect(report.summary.n).toBe(40);
      const failures = checkFloors(report, await loadFloors(path.resolve("eval/floors-styrdokument.json")));
      expect(failures).toEqual([]);
    } finally {
      await fs.rm(own, { recursive: true, force: true });
    }
  }, 240_000);
});

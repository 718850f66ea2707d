/**
 * Regression gate on the blind judging sets (eval/blind/, role "judge" in
 * eval/sets.json): the offline default must keep meeting eval/blind/floors.json.
 * Only aggregate figures are compared and printed; a failure names the set,
 * the metric and the value, never a question, so the sets stay unread.
 */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { checkFloors, floorsSchema } from "../../eval/floors.js";
import { runEval } from "../../eval/run.js";
import { loadSets, selectSets } from "../../eval/sets.js";
import { tempDir, testConfig } from "../helpers/fixture-index.js";

const judgeSets = selectSets(await loadSets(), undefined, "judge");
const available = judgeSets.every((s) => existsSync(s.corpus) && existsSync(s.questions));
if (!available) console.warn("judge-set gate skipped: a corpus under ../shared/corpora is missing (CI provides ../shared beside the clone)");

const floorsFile = path.resolve("eval/blind/floors.json");
const { $comment: _comment, ...rawFloors } = JSON.parse(await fs.readFile(floorsFile, "utf8")) as Record<string, unknown>;
const floorsBySet = z.record(z.string(), floorsSchema).parse(rawFloors);

let dir: string | undefined;
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe.skipIf(!available)("blind judging sets regression gate", () => {
  it("every judge set has floors", () => {
    expect(judgeSets.map((s) => s.name).sort()).toEqual(Object.keys(floorsBySet).sort());
  });

  it.each(judgeSets.map((s) => [s.name, s] as const))("%s meets its floors", async (_name, set) => {
    dir ??= await tempDir("rutinsvar-gate-judge-");
    // One index per corpus, shared by the sets over it.
    const indexDir = path.join(dir, path.basename(set.corpus));
    const report = await runEval({ questionsFile: set.questions, corpusDir: set.corpus, indexDir, outDir: null, config: testConfig({ INDEX_DIR: indexDir }) });
    expect(report.summary.errors).toBe(0);
    const failures = checkFloors(report, floorsBySet[set.name]!).map((f) => `${f.key} ${f.bound} ${f.limit}: ${f.actual}`);
    expect(failures).toEqual([]);
  }, 300_000);
});

import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EvalUsageError } from "../../../eval/errors.js";
import { DEFAULT_SETS_FILE, loadSets, parseSets, REPO_ROOT, selectSets } from "../../../eval/sets.js";

describe("eval/sets.json", () => {
  it("loads, validates and resolves every path against the repository root", async () => {
    const sets = await loadSets(DEFAULT_SETS_FILE);
    expect(sets.map((s) => s.name)).toEqual([
      "dev",
      "corpus",
      "styrdokument",
      "rutiner-dev",
      "judge-styrdokument",
      "judge-rutiner-situationer",
      "judge-rutiner-procedurer",
    ]);
    expect(sets.filter((s) => s.role === "judge").map((s) => s.name)).toEqual([
      "judge-styrdokument",
      "judge-rutiner-situationer",
      "judge-rutiner-procedurer",
    ]);
    for (const s of sets) {
      expect(path.isAbsolute(s.questions)).toBe(true);
      expect(path.isAbsolute(s.corpus)).toBe(true);
      expect(s.description.length).toBeGreaterThan(10);
    }
    const byName = new Map(sets.map((s) => [s.name, s]));
    expect(byName.get("corpus")!.corpus).toBe(path.join(REPO_ROOT, "corpus"));
    expect(byName.get("judge-styrdokument")!.questions).toBe(path.join(REPO_ROOT, "eval/blind/judge-styrdokument.jsonl"));
    expect(byName.get("judge-rutiner-procedurer")!.corpus).toBe(byName.get("rutiner-dev")!.corpus);
    // The repository's own files exist (existence only: judge files are never read here).
    for (const name of ["corpus", "styrdokument", "rutiner-dev", "judge-styrdokument", "judge-rutiner-situationer", "judge-rutiner-procedurer"]) {
      expect(existsSync(byName.get(name)!.questions), name).toBe(true);
    }
  });

  it("rejects duplicate names, unknown roles, missing fields and extra keys", () => {
    const ok = { name: "a", questions: "q.jsonl", corpus: "c", role: "diagnose", description: "d" };
    expect(parseSets({ sets: [ok] }, "/r")[0]).toEqual({ ...ok, questions: "/r/q.jsonl", corpus: "/r/c" });
    expect(() => parseSets({ sets: [ok, ok] })).toThrow(/duplicate set name "a"/);
    expect(() => parseSets({ sets: [{ ...ok, role: "train" }] })).toThrow(EvalUsageError);
    expect(() => parseSets({ sets: [{ ...ok, description: undefined }] })).toThrow(/sets\.0\.description/);
    expect(() => parseSets({ sets: [{ ...ok, extra: 1 }] })).toThrow(EvalUsageError);
    expect(() => parseSets({ sets: [{ ...ok, name: "Has Space" }] })).toThrow(/sets\.0\.name/);
    expect(() => parseSets({ sets: [] })).toThrow(EvalUsageError);
  });

  it("selects by name and role, in file order; unknown names are a usage error", async () => {
    const sets = await loadSets();
    expect(selectSets(sets, undefined, "diagnose").map((s) => s.name)).toEqual(["dev", "corpus", "styrdokument", "rutiner-dev"]);
    expect(selectSets(sets, ["rutiner-dev", "dev"]).map((s) => s.name)).toEqual(["dev", "rutiner-dev"]);
    expect(selectSets(sets, ["dev", "judge-styrdokument"], "judge").map((s) => s.name)).toEqual(["judge-styrdokument"]);
    expect(() => selectSets(sets, ["nope"])).toThrow(/unknown set\(s\) nope/);
    expect(() => selectSets(sets, ["dev"], "judge")).toThrow(/no set matches/);
  });

  it("reports an unreadable or non-JSON file as a usage error", async () => {
    await expect(loadSets(path.join(REPO_ROOT, "no-such-sets.json"))).rejects.toThrow(/cannot read/);
    await expect(loadSets(path.join(REPO_ROOT, "eval/questions-corpus.jsonl"))).rejects.toThrow(/not JSON/);
  });
});

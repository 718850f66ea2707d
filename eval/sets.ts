/**
 * The question-set suite (eval/sets.json): which question files the system is
 * measured on, over which corpus, and whether a set is for diagnosing failures
 * ("diagnose": read its items freely) or for judging changes ("judge": blind;
 * only aggregate figures may be looked at, never its questions or per-item results).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { EvalUsageError } from "./errors.js";

/** Repository root: relative paths in a sets file are resolved against it. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_SETS_FILE = path.join(REPO_ROOT, "eval", "sets.json");

export const SET_ROLES = ["diagnose", "judge"] as const;
export type SetRole = (typeof SET_ROLES)[number];

const setSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and '-' (it names the output folder)"),
  questions: z.string().min(1),
  corpus: z.string().min(1),
  role: z.enum(SET_ROLES),
  description: z.string().min(1),
});

const setsFileSchema = z
  .strictObject({ sets: z.array(setSchema).min(1) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.sets.forEach((s, i) => {
      if (seen.has(s.name)) ctx.addIssue({ code: "custom", path: ["sets", i, "name"], message: `duplicate set name "${s.name}"` });
      seen.add(s.name);
    });
  });

/** One question set, paths absolute. */
export interface QuestionSet {
  name: string;
  /** Absolute path of the JSONL question file. */
  questions: string;
  /** Absolute path of the corpus folder. */
  corpus: string;
  role: SetRole;
  description: string;
}

/** Parses the JSON of a sets file; relative paths are resolved against `root` (default: the repository root). */
export function parseSets(json: unknown, root = REPO_ROOT): QuestionSet[] {
  const parsed = setsFileSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`).join("; ");
    throw new EvalUsageError(`eval/sets: invalid sets file: ${detail}`);
  }
  return parsed.data.sets.map((s) => ({
    ...s,
    questions: path.resolve(root, s.questions),
    corpus: path.resolve(root, s.corpus),
  }));
}

/** Reads and validates a sets file (default eval/sets.json). */
export async function loadSets(file = DEFAULT_SETS_FILE, root = REPO_ROOT): Promise<QuestionSet[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new EvalUsageError(`eval/sets: cannot read ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new EvalUsageError(`eval/sets: ${file} is not JSON: ${(err as Error).message}`);
  }
  return parseSets(json, root);
}

/** The sets chosen by name (in the order of the file) and/or role; unknown names are a usage error. */
export function selectSets(sets: readonly QuestionSet[], names?: readonly string[], role?: SetRole): QuestionSet[] {
  if (names?.length) {
    const unknown = names.filter((n) => !sets.some((s) => s.name === n));
    if (unknown.length) {
      throw new EvalUsageError(`eval/sets: unknown set(s) ${unknown.join(", ")}; known: ${sets.map((s) => s.name).join(", ")}`);
    }
  }
  const chosen = sets.filter((s) => (!names || names.length === 0 || names.includes(s.name)) && (!role || s.role === role));
  if (chosen.length === 0) throw new EvalUsageError("eval/sets: no set matches the selection");
  return chosen;
}

/**
 * Loads an evaluation question file (JSON Lines, format of /work/shared/dev-eval/README.md).
 * A bad line never aborts a run: it is reported with its line number and skipped.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { GoldSource } from "./gold.js";

export const QUESTION_TYPES = [
  "factual",
  "procedural",
  "multi-doc",
  "unanswerable",
  "follow-up",
  "paraphrase",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const questionLineSchema = z.object({
  id: z.string().trim().min(1),
  question: z.string().trim().min(1),
  answer: z.string(),
  must_include: z.array(z.string()),
  sources: z.array(z.object({ doc: z.string().min(1), quote: z.string().min(1) })),
  type: z.enum(QUESTION_TYPES),
  previous: z.array(z.object({ question: z.string(), answer: z.string() })).optional(),
});

/** One evaluation question, as loaded. */
export interface EvalQuestion {
  id: string;
  question: string;
  /** Reference answer. */
  answer: string;
  mustInclude: string[];
  sources: GoldSource[];
  type: QuestionType;
  /** Earlier turns, oldest first. */
  previous: { question: string; answer: string }[];
  /** 1-based line number in the question file. */
  line: number;
}

/** A problem found while loading; `id` is set when the line could be parsed that far. */
export interface QuestionIssue {
  line: number;
  id?: string;
  /** "skipped": the line is not used; "warning": the question is used anyway. */
  severity: "skipped" | "warning";
  message: string;
}

export interface LoadedQuestions {
  questions: EvalQuestion[];
  issues: QuestionIssue[];
}

/**
 * Parses JSONL text. Blank lines are ignored; malformed JSON, schema errors and
 * duplicate ids are skipped with an issue. When `corpusDocs` is given, a source
 * whose `doc` is not among them gives a warning for that question (kept: its
 * retrieval will simply score 0 for that source).
 */
export function parseQuestions(text: string, corpusDocs?: ReadonlySet<string>): LoadedQuestions {
  const questions: EvalQuestion[] = [];
  const issues: QuestionIssue[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      issues.push({ line, severity: "skipped", message: `malformed JSON: ${(err as Error).message}` });
      return;
    }
    const parsed = questionLineSchema.safeParse(json);
    if (!parsed.success) {
      const id = typeof (json as { id?: unknown } | null)?.id === "string" ? (json as { id: string }).id : undefined;
      const detail = parsed.error.issues
        .map((issue) => `${issue.path.join(".") || "(line)"}: ${issue.message}`)
        .join("; ");
      issues.push({ line, ...(id ? { id } : {}), severity: "skipped", message: `invalid question: ${detail}` });
      return;
    }
    const q = parsed.data;
    if (seen.has(q.id)) {
      issues.push({ line, id: q.id, severity: "skipped", message: `duplicate id "${q.id}"` });
      return;
    }
    seen.add(q.id);
    if (corpusDocs) {
      for (const source of q.sources) {
        if (!corpusDocs.has(source.doc)) {
          issues.push({
            line,
            id: q.id,
            severity: "warning",
            message: `source doc "${source.doc}" is missing from the corpus`,
          });
        }
      }
    }
    questions.push({
      id: q.id,
      question: q.question,
      answer: q.answer,
      mustInclude: q.must_include,
      sources: q.sources,
      type: q.type,
      previous: q.previous ?? [],
      line,
    });
  });
  return { questions, issues };
}

/**
 * The names a gold `doc` may use for the files under `corpusDir` (recursive):
 * each base name, and each corpus-relative path ("Hemtjänst/SIP.md") for
 * questions about one unit's version of a routine.
 */
async function listCorpusDocs(corpusDir: string): Promise<Set<string>> {
  const entries = await readdir(corpusDir, { recursive: true, withFileTypes: true });
  const names = new Set<string>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    names.add(path.basename(entry.name));
    const relative = path.relative(corpusDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    names.add(relative);
  }
  return names;
}

/** Reads and parses a question file, checking docs against `corpusDir` when given. */
export async function loadQuestions(file: string, corpusDir?: string): Promise<LoadedQuestions> {
  const text = await readFile(file, "utf8");
  const docs = corpusDir ? await listCorpusDocs(corpusDir) : undefined;
  return parseQuestions(text.replace(/^\uFEFF/, ""), docs);
}

import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildAskRequest } from "../../../eval/providers.js";
import { loadQuestions, parseQuestions } from "../../../eval/questions.js";

const line = (over: Record<string, unknown>) =>
  JSON.stringify({
    id: "q1",
    question: "Vem beslutar?",
    answer: "Nämnden.",
    must_include: ["Nämnden"],
    sources: [{ doc: "rutin.txt", quote: "Nämnden beslutar om insatsen enligt rutinen för handläggning av ärenden." }],
    type: "factual",
    previous: [],
    ...over,
  });

describe("question loader", () => {
  it("skips a malformed line and reports its line number", () => {
    const text = [line({ id: "q1" }), "{not json", "", line({ id: "q2" })].join("\n");
    const { questions, issues } = parseQuestions(text);
    expect(questions.map((q) => [q.id, q.line])).toEqual([
      ["q1", 1],
      ["q2", 4],
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 2, severity: "skipped" });
    expect(issues[0]!.message).toMatch(/^malformed JSON/);
  });

  it("skips lines failing the schema and duplicate ids, naming the field", () => {
    const text = [line({ type: "gissning" }), line({ id: "q2", must_include: "x" }), line({ id: "q3" }), line({ id: "q3" })].join("\n");
    const { questions, issues } = parseQuestions(text);
    expect(questions.map((q) => q.id)).toEqual(["q3"]);
    expect(issues.map((i) => [i.line, i.id])).toEqual([
      [1, "q1"],
      [2, "q2"],
      [4, "q3"],
    ]);
    expect(issues[0]!.message).toContain("type");
    expect(issues[1]!.message).toContain("must_include");
    expect(issues[2]!.message).toContain("duplicate id");
  });

  it("reports a source doc missing from the corpus for that question and keeps it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "eval-q-"));
    await mkdir(path.join(dir, "corpus", "sub"), { recursive: true });
    await writeFile(path.join(dir, "corpus", "sub", "rutin.txt"), "text");
    const file = path.join(dir, "q.jsonl");
    await writeFile(file, `${line({ id: "ok" })}\n${line({ id: "bad", sources: [{ doc: "saknas.txt", quote: "x y" }] })}\n`);
    const { questions, issues } = await loadQuestions(file, path.join(dir, "corpus"));
    expect(questions.map((q) => q.id)).toEqual(["ok", "bad"]);
    expect(issues).toEqual([
      { line: 2, id: "bad", severity: "warning", message: 'source doc "saknas.txt" is missing from the corpus' },
    ]);
  });

  it("builds chat history from previous turns", () => {
    const { questions } = parseQuestions(line({ type: "follow-up", question: "Och när?", previous: [{ question: "Vem?", answer: "Digg." }] }));
    expect(buildAskRequest(questions[0]!)).toEqual({
      question: "Och när?",
      history: [
        { role: "user", content: "Vem?" },
        { role: "assistant", content: "Digg." },
      ],
      options: { includeRetrieved: true, topK: 10 },
    });
  });
});

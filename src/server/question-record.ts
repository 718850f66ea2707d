/**
 * The question log entry for one answered question, written the same way by
 * every route that answers (the chat API and the OpenAI-compatible API): the
 * masked question, who asked, and the documents the answer cited. A failed
 * write is logged and never fails the answer.
 */
import type { Answer } from "../core/schemas.js";
import type { AppDeps } from "./types.js";

export async function recordQuestion(
  deps: Pick<AppDeps, "questions" | "log">,
  entry: { userId: string; maskedQuestion: string; hadPersonalData: boolean },
  answer: Answer,
): Promise<void> {
  try {
    await deps.questions?.record({
      userId: entry.userId,
      question: entry.maskedQuestion,
      hadPersonalData: entry.hadPersonalData,
      abstained: answer.abstained,
      documents: [...new Map(answer.citations.map((x) => [x.documentId, { documentId: x.documentId, source: x.source, title: x.title }])).values()],
      durationMs: answer.timingMs,
    });
  } catch (err) {
    deps.log("question log write failed", err);
  }
}

/**
 * Follow-up questions ("Och vem beslutar om det?") lack the topic; retrieval
 * needs it. When the new question is elliptical (few content words of its
 * own, opens with a conjunction or leans on a pronoun), the earlier user
 * questions become its context: retrieval adds their words at a lower weight
 * than the question's own (src/query/analysis.ts), so the topic comes from
 * the history and the point of the question from the question.
 */
import type { ChatTurn } from "../core/schemas.js";
import { isStopword, tokenize } from "../text/index.js";

/** A question with at most this many content words is treated as elliptical. */
const MAX_ELLIPTICAL_CONTENT_WORDS = 3;
const OPENERS = new Set(["och", "men", "eller", "samt", "så", "då"]);
const ANAPHORA = new Set(["det", "den", "dem", "de", "detta", "dessa", "denna", "där", "dit", "då", "sådan", "sådana", "han", "hon", "hen", "dom"]);

/** True when the question leans on an earlier one for its topic. */
export function isElliptical(question: string): boolean {
  const tokens = tokenize(question);
  const content = tokens.filter((t) => !isStopword(t));
  return content.length <= MAX_ELLIPTICAL_CONTENT_WORDS || OPENERS.has(tokens[0] ?? "") || tokens.some((t) => ANAPHORA.has(t));
}

/** Earlier user questions taken as context at most (the chain "Och vem …?" → "Hur länge …?" → topic). */
const MAX_CONTEXT_QUESTIONS = 2;

/**
 * The earlier user questions an elliptical follow-up leans on, oldest first,
 * joined by newlines; null for a standalone question or no history. Walks
 * back past questions that are themselves elliptical, so "Vem beslutar om
 * det?" → "Hur länge gäller det?" still reaches the topic two turns back.
 */
export function followUpContext(question: string, history: ChatTurn[] = []): string | null {
  if (!isElliptical(question)) return null;
  const earlier = history.filter((t) => t.role === "user").map((t) => t.content);
  const taken: string[] = [];
  for (let i = earlier.length - 1; i >= 0 && taken.length < MAX_CONTEXT_QUESTIONS; i--) {
    taken.unshift(earlier[i]!);
    if (!isElliptical(earlier[i]!)) break;
  }
  return taken.length > 0 ? taken.join("\n") : null;
}

/** The follow-up with its context in front, as one text (for the dense embedding and full-text search). */
export function withContext(question: string, context: string | null | undefined): string {
  return context ? `${context}\n${question}` : question;
}

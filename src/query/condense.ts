/**
 * Follow-up questions ("Och vem beslutar om det?") lack the topic; retrieval
 * needs it. Without a chat model we condense by prefixing the previous user
 * question when the new one is elliptical: few content words of its own, or it
 * opens with a conjunction or leans on a pronoun. The chat-model path can
 * rewrite the question instead.
 */
import type { ChatTurn } from "../core/schemas.js";
import { isStopword, tokenize } from "../text/index.js";

/** A question with at most this many content words is treated as elliptical. */
const MAX_ELLIPTICAL_CONTENT_WORDS = 3;
const OPENERS = new Set(["och", "men", "eller", "samt", "så", "då"]);
const ANAPHORA = new Set(["det", "den", "dem", "de", "detta", "dessa", "denna", "där", "dit", "då", "sådan", "sådana", "han", "hon", "hen", "dom"]);

export function condenseQuestion(question: string, history: ChatTurn[] = []): string {
  const lastUser = [...history].reverse().find((t) => t.role === "user");
  if (!lastUser) return question;
  const tokens = tokenize(question);
  const content = tokens.filter((t) => !isStopword(t));
  const elliptical =
    content.length <= MAX_ELLIPTICAL_CONTENT_WORDS ||
    OPENERS.has(tokens[0] ?? "") ||
    tokens.some((t) => ANAPHORA.has(t));
  return elliptical ? `${lastUser.content}\n${question}` : question;
}

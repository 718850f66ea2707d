/**
 * The OpenAI chat API, so chat front ends a municipality already runs (Open
 * WebUI, LibreChat, Eneo …) can use Rutinsvar as a model:
 * - GET /v1/models lists one model, `rutinsvar`;
 * - POST /v1/chat/completions answers the last user message, with the
 *   earlier turns as history, through the same pipeline as /api/ask: personal
 *   data removed before retrieval, collections filtered by the caller's
 *   access groups, the question logged masked. The answer text keeps its
 *   [n] markers and ends with a sources list ("Källor:"); the same citations
 *   are in the response's `citations` field. `stream: true` answers with
 *   server-sent events in OpenAI's `chat.completion.chunk` format, ending
 *   with `data: [DONE]`.
 * Sign-in is the staff sign-in of the chat API (security.ts): with
 * AUTH_MODE=token the front end sends a staff token as its API key
 * (`Authorization: Bearer …`). Sampling parameters are accepted and ignored:
 * answers are quoted or citation-checked, never sampled for variety.
 */
import { randomUUID } from "node:crypto";
import { Hono, type Context } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { accessFor } from "../../access/access-policy.js";
import { askRequestSchema, type Answer, type AskRequest, type Citation } from "../../core/schemas.js";
import { PII_WARNING } from "../../privacy/pii.js";
import { screenAskRequest } from "../../privacy/question-privacy.js";
import type { AppDeps, AppEnv } from "../types.js";
import { recordQuestion } from "../question-record.js";
import { errorBody } from "../on-error.js";
import { validate } from "../validate.js";

/** The one model id Rutinsvar answers as. */
const MODEL_ID = "rutinsvar";

/** Heading of the sources list appended to every answer with citations. */
export const SOURCES_HEADING = "Källor:";

const textPart = z.object({ type: z.literal("text"), text: z.string() }).loose();
const otherPart = z.object({ type: z.string() }).loose();

const chatMessageSchema = z
  .object({
    role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
    content: z.union([z.string(), z.array(z.union([textPart, otherPart])), z.null()]).optional(),
    name: z.string().optional(),
  })
  .loose();

/** What the route validates; unknown OpenAI parameters (temperature, top_p, user …) pass and are ignored. */
export const chatCompletionRequestSchema = z
  .object({
    model: z.string().min(1).describe(`Must be "${MODEL_ID}" (GET /v1/models).`),
    messages: z.array(chatMessageSchema).min(1, "messages är tom.").max(200),
    stream: z.boolean().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullable().optional(),
    n: z.literal(1).nullable().optional(),
  })
  .loose();
type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

/** The response schemas, for the OpenAPI description (src/server/openapi.ts). */
export const citationSchema = z.object({
  n: z.number().int(),
  chunkId: z.string(),
  documentId: z.string(),
  source: z.string(),
  title: z.string(),
  section: z.string(),
  page: z.number().int().nullable(),
  quote: z.string(),
  url: z.string(),
});
export const chatCompletionSchema = z.object({
  id: z.string(),
  object: z.literal("chat.completion"),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({ role: z.literal("assistant"), content: z.string() }),
      finish_reason: z.literal("stop"),
    }),
  ),
  citations: z.array(citationSchema).describe("The sources behind the [n] markers (Rutinsvar extension)."),
  abstained: z.boolean().describe("True when the routines do not answer the question (Rutinsvar extension)."),
});
export const chatCompletionChunkSchema = z.object({
  id: z.string(),
  object: z.literal("chat.completion.chunk"),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      delta: z.object({ role: z.literal("assistant").optional(), content: z.string().optional() }),
      finish_reason: z.literal("stop").nullable(),
    }),
  ),
});
export const modelListSchema = z.object({
  object: z.literal("list"),
  data: z.array(z.object({ id: z.string(), object: z.literal("model"), created: z.number().int(), owned_by: z.string() })),
});

/** The text of a message: a string, or the text parts of a content array (images and files are ignored). */
function messageText(content: ChatCompletionRequest["messages"][number]["content"]): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((p) => (p.type === "text" && typeof (p as { text?: unknown }).text === "string" ? (p as { text: string }).text : ""))
    .filter(Boolean)
    .join("\n");
}

/** An earlier answer as the front end sends it back, without the sources list this route appended. */
function withoutSources(text: string): string {
  const at = text.lastIndexOf(`\n\n${SOURCES_HEADING}\n`);
  return (at >= 0 ? text.slice(0, at) : text).trim();
}

/**
 * The ask request for a conversation: the last user message is the question,
 * the user and assistant turns before it the history (newest 20, each cut to
 * the history limit). System and tool messages are not used: the answer comes
 * from the routines only.
 */
function toAskRequest(messages: ChatCompletionRequest["messages"]): { question: string; history: AskRequest["history"] } | null {
  let last = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.role === "user") {
      last = i;
      break;
    }
  }
  if (last < 0) return null;
  const history = messages
    .slice(0, last)
    .filter((m) => m.role === "user" || m.role === "assistant")
    .map((m) => ({ role: m.role as "user" | "assistant", content: (m.role === "assistant" ? withoutSources(messageText(m.content)) : messageText(m.content)).slice(0, 8000) }))
    .filter((t) => t.content.trim() !== "")
    .slice(-20);
  return { question: messageText(messages[last]!.content), history };
}

/** A Markdown list item per citation (front ends render Markdown): "- [1] Title, section, s. 3 – link". */
function sourcesList(citations: Citation[], baseUrl: string): string {
  if (citations.length === 0) return "";
  const lines = citations.map((c) => {
    const section = c.section && c.section.toLocaleLowerCase("sv") !== c.title.toLocaleLowerCase("sv") ? c.section : null;
    const where = [c.title, section, c.page !== null ? `s. ${c.page}` : null].filter(Boolean).join(", ");
    return `- [${c.n}] ${where} – ${absolute(c.url, baseUrl)}`;
  });
  return `\n\n${SOURCES_HEADING}\n${lines.join("\n")}`;
}

function absolute(url: string, baseUrl: string): string {
  try {
    return new URL(url, baseUrl).toString();
  } catch {
    return url;
  }
}

/** Notices (review date passed, weak evidence, personal data in the question) after the answer, before the sources. */
function noticesText(answer: Answer): string {
  const notices = [...(answer.piiWarning ? [answer.piiWarning] : []), ...answer.notices];
  return notices.length > 0 ? `\n\n${notices.map((n) => `_${n}_`).join("\n")}` : "";
}

function withAbsoluteUrls(citations: Citation[], baseUrl: string): Citation[] {
  return citations.map((c) => ({ ...c, url: absolute(c.url, baseUrl) }));
}

function openAiError(c: Context, status: 400 | 404, code: string, message: string) {
  const body = errorBody(c, code, message);
  // OpenAI clients read error.message and error.type; the envelope's code and requestId stay.
  return c.json({ error: { ...body.error, type: "invalid_request_error" } }, status);
}

export function openAiRoutes(deps: Pick<AppDeps, "config" | "answers" | "access" | "questions" | "log">) {
  const created = Math.floor(Date.now() / 1000);
  const baseUrlOf = (c: Context) => deps.config.publicUrl ?? new URL(c.req.url).origin;

  return new Hono<AppEnv>()
    .get("/models", (c) => c.json({ object: "list", data: [{ id: MODEL_ID, object: "model", created, owned_by: "rutinsvar" }] }))
    .post("/chat/completions", validate("json", chatCompletionRequestSchema), async (c) => {
      const body = c.req.valid("json");
      if (body.model !== MODEL_ID) return openAiError(c, 404, "model_not_found", `Modellen ${body.model} finns inte; använd ${MODEL_ID}.`);
      const turns = toAskRequest(body.messages);
      if (!turns) return openAiError(c, 400, "invalid_request", "messages innehåller ingen fråga (role: user).");
      const parsed = askRequestSchema.safeParse({ question: turns.question, ...(turns.history && turns.history.length > 0 ? { history: turns.history } : {}) });
      if (!parsed.success) return openAiError(c, 400, "invalid_request", parsed.error.issues.map((i) => i.message).join("; "));

      const service = deps.answers();
      const user = c.get("user");
      const { request, maskedQuestion, hadPersonalData } = screenAskRequest(parsed.data, service.index);
      c.get("logger").debug({ maskedQuestion, turns: request.history?.length ?? 0 }, "openai chat completion");
      const context = deps.access ? { allow: accessFor(deps.access, user, service.index).chunk } : {};
      const finish = async (answer: Answer): Promise<Answer> => {
        await recordQuestion(deps, { userId: user?.id ?? "anonym", maskedQuestion, hadPersonalData }, answer);
        return hadPersonalData ? { ...answer, piiWarning: PII_WARNING } : answer;
      };
      const id = `chatcmpl-${randomUUID()}`;
      const now = Math.floor(Date.now() / 1000);
      const baseUrl = baseUrlOf(c);

      if (!body.stream) {
        const answer = await finish(await service.ask(request, context));
        return c.json({
          id,
          object: "chat.completion",
          created: now,
          model: MODEL_ID,
          choices: [{ index: 0, message: { role: "assistant", content: answer.answer + noticesText(answer) + sourcesList(answer.citations, baseUrl) }, finish_reason: "stop" }],
          citations: withAbsoluteUrls(answer.citations, baseUrl),
          abstained: answer.abstained,
        });
      }

      c.header("Cache-Control", "no-store");
      return streamSSE(c, async (stream) => {
        const chunk = (delta: { role?: "assistant"; content?: string }, finish: "stop" | null = null) =>
          stream.writeSSE({ data: JSON.stringify({ id, object: "chat.completion.chunk", created: now, model: MODEL_ID, choices: [{ index: 0, delta, finish_reason: finish }] }) });
        try {
          await chunk({ role: "assistant", content: "" });
          // Each piece has passed the citation check before it is written, as in /api/ask.
          const answer = await finish(await service.askStream(request, (text) => chunk({ content: text }), context));
          const tail = noticesText(answer) + sourcesList(answer.citations, baseUrl);
          if (tail) await chunk({ content: tail });
          await chunk({}, "stop");
        } catch (err) {
          deps.log("openai stream failed", err);
          await stream.writeSSE({ data: JSON.stringify({ error: { code: "internal_error", message: "Svaret kunde inte tas fram. Försök igen.", type: "server_error" } }) });
        }
        await stream.writeSSE({ data: "[DONE]" });
      });
    });
}

/**
 * The chat model behind generative answers: LangChain's ChatOpenAI (any
 * OpenAI-compatible server: vLLM, llama.cpp server, LM Studio, an approved
 * cloud service) or ChatOllama, wrapped so that every call has a hard
 * deadline and exactly one retry on connection errors, whatever the
 * underlying client does. This is the only file importing the chat
 * integrations, so swapping them stays a one-file change.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAI } from "@langchain/openai";
import type { Config } from "../config/env.js";
import { AppError } from "../core/errors.js";

/** Sent when no API key is configured: local servers ignore it, the OpenAI client insists on one. */
export const PLACEHOLDER_API_KEY = "not-needed";

type ChatRole = "system" | "user" | "assistant";

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** Why a model call failed; decides the notice shown and whether a retry makes sense. */
export type ChatFailureReason = "timeout" | "unreachable" | "bad_response";

/** A model call that did not produce an answer. */
export class ChatModelError extends AppError {
  readonly reason: ChatFailureReason;
  constructor(reason: ChatFailureReason, message: string, options?: { cause?: unknown }) {
    super(`llm_${reason}`, message, 502, options);
    this.reason = reason;
  }
}

export interface ChatModel {
  readonly provider: "openai-compatible" | "ollama";
  readonly model: string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** The LangChain model itself, for callers that need more than text. */
  readonly llm: BaseChatModel;
  /**
   * Runs the conversation and returns the whole reply. With `onDelta` the
   * reply is streamed and each text delta is passed on as it arrives;
   * without it one non-streaming request is made. Rejects with
   * ChatModelError after `timeoutMs` at the latest, and retries once when the
   * connection fails before any text arrived.
   */
  complete(messages: ChatMessage[], onDelta?: (delta: string) => void | Promise<void>): Promise<string>;
}

export type LlmConfig = Config["llm"];

/**
 * Builds the configured chat model; throws AppError("llm_not_configured")
 * for provider "none" or a missing URL/model.
 */
export function createChatModel(config: LlmConfig): ChatModel {
  if (config.provider === "none") throw new AppError("llm_not_configured", "LLM_PROVIDER=none: ingen språkmodell är konfigurerad.", 500);
  const { baseUrl, model } = config;
  if (!baseUrl || !model) throw new AppError("llm_not_configured", `LLM_BASE_URL och LLM_MODEL krävs när LLM_PROVIDER=${config.provider}.`, 500);
  const llm = createLangChainModel({ ...config, provider: config.provider, baseUrl, model });
  return {
    provider: config.provider,
    model,
    baseUrl,
    timeoutMs: config.timeoutMs,
    llm,
    complete: (messages, onDelta) => completeWithDeadline(llm, toLangChain(messages), config.timeoutMs, onDelta),
  };
}

function createLangChainModel(config: LlmConfig & { provider: "openai-compatible" | "ollama"; baseUrl: string; model: string }): BaseChatModel {
  // maxRetries: 0 in the clients; the one retry lives in completeWithDeadline so both providers behave alike.
  if (config.provider === "openai-compatible") {
    return new ChatOpenAI({
      model: config.model,
      apiKey: config.apiKey ?? PLACEHOLDER_API_KEY,
      configuration: { baseURL: config.baseUrl },
      temperature: config.temperature,
      maxTokens: config.maxTokens,
      timeout: config.timeoutMs,
      maxRetries: 0,
    });
  }
  return new ChatOllama({
    model: config.model,
    baseUrl: config.baseUrl,
    temperature: config.temperature,
    numPredict: config.maxTokens,
    maxRetries: 0,
    ...(config.apiKey ? { headers: { authorization: `Bearer ${config.apiKey}` } } : {}),
  });
}

function toLangChain(messages: ChatMessage[]): BaseMessage[] {
  return messages.map((m) => (m.role === "system" ? new SystemMessage(m.content) : m.role === "user" ? new HumanMessage(m.content) : new AIMessage(m.content)));
}

/** Text of a message or chunk whose content may be a string or content blocks. */
function textOf(message: { content: unknown }): string {
  const c = message.content;
  if (typeof c === "string") return c;
  if (Array.isArray(c)) return c.map((p: unknown) => (p && typeof p === "object" && "text" in p && typeof p.text === "string" ? p.text : "")).join("");
  return "";
}

const CONNECTION_ERROR = /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|socket hang up|fetch failed|other side closed|Connection error|UND_ERR_SOCKET/i;

/** True for failures where nothing reached the model: worth one more try. */
function isConnectionError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    const message = (e as { message?: unknown }).message;
    if (typeof code === "string" && CONNECTION_ERROR.test(code)) return true;
    if (typeof message === "string" && CONNECTION_ERROR.test(message)) return true;
    if ((e as { name?: unknown }).name === "APIConnectionError") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

async function completeWithDeadline(
  llm: BaseChatModel,
  messages: BaseMessage[],
  timeoutMs: number,
  onDelta?: (delta: string) => void | Promise<void>,
): Promise<string> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // Some clients ignore the signal while waiting for response headers; racing against this promise means no call outlives the deadline.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ChatModelError("timeout", `Språkmodellen svarade inte inom ${timeoutMs} ms.`));
    }, timeoutMs);
  });
  deadline.catch(() => {});
  try {
    for (let attempt = 1; ; attempt++) {
      let produced = false;
      try {
        if (!onDelta) {
          const reply = await Promise.race([llm.invoke(messages, { signal: controller.signal }), deadline]);
          return textOf(reply);
        }
        const stream = await Promise.race([llm.stream(messages, { signal: controller.signal }), deadline]);
        const iterator = stream[Symbol.asyncIterator]();
        let text = "";
        try {
          for (;;) {
            const next = await Promise.race([iterator.next(), deadline]);
            if (next.done) break;
            const delta = textOf(next.value);
            if (delta === "") continue;
            produced = true;
            text += delta;
            await onDelta(delta);
          }
        } finally {
          void Promise.resolve(iterator.return?.()).catch(() => {});
        }
        return text;
      } catch (err) {
        if (err instanceof ChatModelError) throw err;
        if (controller.signal.aborted) throw new ChatModelError("timeout", `Språkmodellen svarade inte inom ${timeoutMs} ms.`, { cause: err });
        if (isConnectionError(err)) {
          if (attempt < 2 && !produced) continue;
          throw new ChatModelError("unreachable", `Språkmodellen kunde inte nås: ${(err as Error).message}`, { cause: err });
        }
        throw new ChatModelError("bad_response", `Språkmodellen gav ett oväntat svar: ${(err as Error).message}`, { cause: err });
      }
    }
  } finally {
    clearTimeout(timer);
    if (!controller.signal.aborted) controller.abort();
  }
}

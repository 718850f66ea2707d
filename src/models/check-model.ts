/**
 * Start-up check of the configured language model: is the server reachable,
 * does it have the model, and does one tiny chat call succeed? Used by
 * `npm run check-model` and at boot, so a wrong URL, model name or key fails
 * with a message naming them instead of degrading every answer silently.
 */
import { AppError } from "../core/errors.js";
import { createChatModel, type LlmConfig } from "./chat-model.js";

/** The configured model cannot be used; the message names URL and model. */
export class ModelCheckError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("llm_check_failed", message, 503, options);
  }
}

export interface ModelCheckResult {
  provider: string;
  baseUrl: string;
  model: string;
  /** Models the server lists, when it has a listing endpoint. */
  available: string[] | null;
  /** Round trip of the test chat call. */
  chatMs: number;
  /** Start of the model's reply to the test call. */
  reply: string;
}

function causeText(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const m = (e as { code?: string; message?: string }).code ?? (e as { message?: string }).message;
    if (m && !parts.includes(m)) parts.push(m);
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join(": ") || String(err);
}

/** Models listed by the server, null when it has no (working) listing endpoint. */
async function listModels(config: LlmConfig & { baseUrl: string }, where: string): Promise<string[] | null> {
  const base = config.baseUrl.replace(/\/+$/, "");
  const url = config.provider === "ollama" ? `${base}/api/tags` : `${base}/models`;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {},
      signal: AbortSignal.timeout(Math.min(config.timeoutMs, 10_000)),
    });
  } catch (err) {
    throw new ModelCheckError(`Språkmodellen kan inte nås (${where}): ${causeText(err)}. Kontrollera adressen och att servern är igång.`, { cause: err });
  }
  if (res.status === 401 || res.status === 403) {
    throw new ModelCheckError(`Språkmodellens server avvisade nyckeln (HTTP ${res.status}; ${where}). Kontrollera LLM_API_KEY.`);
  }
  if (!res.ok) return null;
  try {
    const body = (await res.json()) as { data?: { id?: unknown }[]; models?: { name?: unknown; model?: unknown }[] };
    const names = config.provider === "ollama" ? (body.models ?? []).map((m) => String(m.name ?? m.model)) : (body.data ?? []).map((m) => String(m.id));
    return names.length > 0 ? names : null;
  } catch {
    return null;
  }
}

function hasModel(available: string[], model: string, provider: string): boolean {
  if (available.includes(model)) return true;
  // Ollama: "llama3.1" means "llama3.1:latest".
  return provider === "ollama" && !model.includes(":") && available.includes(`${model}:latest`);
}

/**
 * Checks the configured chat model; resolves with what was found or rejects
 * with ModelCheckError naming LLM_BASE_URL and LLM_MODEL.
 */
export async function checkChatModel(config: LlmConfig): Promise<ModelCheckResult> {
  if (config.provider === "none") throw new ModelCheckError("LLM_PROVIDER=none: ingen språkmodell att kontrollera.");
  const { baseUrl, model } = config;
  if (!baseUrl || !model) throw new ModelCheckError(`LLM_BASE_URL och LLM_MODEL krävs när LLM_PROVIDER=${config.provider}.`);
  const where = `LLM_PROVIDER=${config.provider}, LLM_BASE_URL=${baseUrl}, LLM_MODEL=${model}`;

  const available = await listModels({ ...config, baseUrl }, where);
  if (available && !hasModel(available, model, config.provider)) {
    const shown = available.slice(0, 20).join(", ");
    throw new ModelCheckError(`Modellen ${model} finns inte på ${baseUrl} (${where}). Tillgängliga modeller: ${shown}.`);
  }

  const chat = createChatModel({ ...config, maxTokens: Math.min(config.maxTokens, 16) });
  const started = performance.now();
  let reply: string;
  try {
    reply = await chat.complete([
      { role: "system", content: "Du testas. Svara bara med ordet OK." },
      { role: "user", content: "Svara OK." },
    ]);
  } catch (err) {
    throw new ModelCheckError(`Testanropet till språkmodellen misslyckades (${where}): ${causeText(err)}`, { cause: err });
  }
  return { provider: config.provider, baseUrl, model, available, chatMs: Math.round(performance.now() - started), reply: reply.trim().slice(0, 80) };
}

/**
 * Embedder selection. The descriptor goes into the index manifest so an index
 * is never queried with vectors from a different model: a remote model's
 * dimensions are probed with one embedding call at start, which also makes a
 * wrong URL or model name fail at boot rather than on the first question.
 * This is the only file importing the embedding integrations.
 */
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { OllamaEmbeddings } from "@langchain/ollama";
import { OpenAIEmbeddings } from "@langchain/openai";
import type { Config } from "../config/env.js";
import type { EmbedderDescriptor } from "../core/index-store.js";
import { HASHING_EMBEDDER_VERSION, HashingEmbeddings } from "./hashing-embedder.js";
import { AppError } from "../core/errors.js";
import { PLACEHOLDER_API_KEY } from "./chat-model.js";

export interface Embedder {
  embeddings: EmbeddingsInterface;
  descriptor: EmbedderDescriptor;
}

/** The configured embedder is unreachable, unknown or returned something unusable. */
class EmbedderUnavailableError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("embedder_unavailable", message, 503, options);
  }
}

/** fetch with a deadline, for clients (Ollama) that have no timeout option of their own. */
function fetchWithTimeout(ms: number): typeof fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(ms);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
  };
}

export async function createEmbedder(config: Config["embeddings"]): Promise<Embedder> {
  if (config.provider === "hashing") {
    return {
      embeddings: new HashingEmbeddings({ dimensions: config.dimensions }),
      descriptor: { provider: "hashing", model: HASHING_EMBEDDER_VERSION, dimensions: config.dimensions },
    };
  }
  const { baseUrl, model } = config;
  if (!baseUrl || !model) {
    throw new EmbedderUnavailableError(`EMBEDDINGS_BASE_URL och EMBEDDINGS_MODEL krävs när EMBEDDINGS_PROVIDER=${config.provider}.`);
  }
  const embeddings: EmbeddingsInterface =
    config.provider === "openai-compatible"
      ? new OpenAIEmbeddings({
          model,
          apiKey: config.apiKey ?? PLACEHOLDER_API_KEY,
          configuration: { baseURL: baseUrl },
          timeout: config.timeoutMs,
          maxRetries: 1,
        })
      : new OllamaEmbeddings({
          model,
          baseUrl,
          maxRetries: 1,
          fetch: fetchWithTimeout(config.timeoutMs),
          ...(config.apiKey ? { headers: { authorization: `Bearer ${config.apiKey}` } } : {}),
        });

  const where = `EMBEDDINGS_PROVIDER=${config.provider}, EMBEDDINGS_BASE_URL=${baseUrl}, EMBEDDINGS_MODEL=${model}`;
  let probe: number[];
  try {
    probe = await embeddings.embedQuery("Rutinsvar kontrollerar inbäddningsmodellen.");
  } catch (cause) {
    throw new EmbedderUnavailableError(`Inbäddningsmodellen kunde inte nås eller svarade med fel (${where}): ${(cause as Error).message}`, { cause });
  }
  if (!Array.isArray(probe) || probe.length === 0 || probe.some((x) => typeof x !== "number" || !Number.isFinite(x))) {
    throw new EmbedderUnavailableError(`Inbäddningsmodellen returnerade ingen användbar vektor (${where}).`);
  }
  return { embeddings, descriptor: { provider: config.provider, model, dimensions: probe.length } };
}

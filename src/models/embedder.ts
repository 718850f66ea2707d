/**
 * Embedder selection. The descriptor goes into the index manifest so an index
 * is never queried with vectors from a different model.
 */
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Config } from "../config/env.js";
import type { EmbedderDescriptor } from "../core/index-store.js";
import { HASHING_EMBEDDER_VERSION, HashingEmbeddings } from "./hashing-embedder.js";
import { AppError } from "../core/errors.js";

export interface Embedder {
  embeddings: EmbeddingsInterface;
  descriptor: EmbedderDescriptor;
}

export async function createEmbedder(config: Config["embeddings"]): Promise<Embedder> {
  if (config.provider === "hashing") {
    return {
      embeddings: new HashingEmbeddings({ dimensions: config.dimensions }),
      descriptor: { provider: "hashing", model: HASHING_EMBEDDER_VERSION, dimensions: config.dimensions },
    };
  }
  throw new AppError("embedder_unavailable", `EMBEDDINGS_PROVIDER=${config.provider} stöds inte ännu i den här versionen.`, 500);
}

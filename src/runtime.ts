/**
 * Opens an index and builds the answer service for it: the one place where
 * the embedder, the index and the Swedish text context meet. Used by the
 * server, the CLI and the eval so all three answer identically.
 */
import type { Config } from "./config/env.js";
import { loadIndex } from "./core/index-store.js";
import { createChatModel } from "./models/chat-model.js";
import { createEmbedder } from "./models/embedder.js";
import { createAnswerService, type AnswerService, type AnswerServiceDeps } from "./query/answer.js";
import { analyzerVersionFor, textFeatures } from "./query/analysis.js";
import { collectVocabulary, createTextContext, loadGlossary } from "./text/index.js";

/**
 * With LLM_PROVIDER set, answers are written by the configured model (checked
 * at boot by src/main.ts); otherwise they are extractive.
 */
export async function openAnswerService(
  config: Config,
  indexDir: string = config.indexDir,
  options: { log?: (msg: string, err?: unknown) => void; today?: AnswerServiceDeps["today"] } = {},
): Promise<AnswerService> {
  const embedder = await createEmbedder(config.embeddings);
  const index = await loadIndex(indexDir, embedder.embeddings, { embedder: embedder.descriptor, analyzer: analyzerVersionFor(config) });
  const glossary = loadGlossary(index.glossaryPath);
  const text = createTextContext({
    glossary,
    // Typo correction works on whole words: a misspelt word is closer to the word than to its stem.
    vocabulary: collectVocabulary(index.chunks.map((c) => `${c.title} ${c.text}`)),
    idf: (t) => index.lexical.idf(t),
    features: textFeatures(config),
  });
  const chat = config.llm.provider !== "none" ? createChatModel(config.llm) : undefined;
  return createAnswerService({ index, embeddings: embedder.embeddings, text, config, ...(chat ? { chat } : {}), ...(options.log ? { log: options.log } : {}), ...(options.today ? { today: options.today } : {}) });
}

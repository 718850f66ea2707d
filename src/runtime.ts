/**
 * Opens an index and builds the answer service for it: the one place where
 * the embedder, the index and the Swedish text context meet. Used by the
 * server, the CLI and the eval so all three answer identically.
 */
import type { Config } from "./config/env.js";
import { loadIndex } from "./core/index-store.js";
import { createEmbedder } from "./models/embedder.js";
import { createAnswerService, type AnswerService } from "./query/answer.js";
import { ANALYZER_VERSION } from "./query/analysis.js";
import { collectVocabulary, createTextContext, loadGlossary } from "./text/index.js";

export async function openAnswerService(config: Config, indexDir: string = config.indexDir): Promise<AnswerService> {
  const embedder = await createEmbedder(config.embeddings);
  const index = await loadIndex(indexDir, embedder.embeddings, { embedder: embedder.descriptor, analyzer: ANALYZER_VERSION });
  const glossary = loadGlossary(index.glossaryPath);
  const text = createTextContext({
    glossary,
    // Typo correction works on whole words: a misspelt word is closer to the word than to its stem.
    vocabulary: collectVocabulary(index.chunks.map((c) => `${c.title} ${c.text}`)),
    idf: (t) => index.lexical.idf(t),
  });
  return createAnswerService({ index, embeddings: embedder.embeddings, text, config });
}

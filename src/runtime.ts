/**
 * Opens an index and builds the answer service for it: the one place where
 * the embedder, the index and the Swedish text context meet. Used by the
 * server, the CLI and the eval so all three answer identically.
 */
import type { Config } from "./config/env.js";
import { loadIndex, type LoadedIndex } from "./core/index-store.js";
import { createChatModel } from "./models/chat-model.js";
import { createEmbedder } from "./models/embedder.js";
import { createAnswerService, type AnswerService, type AnswerServiceDeps } from "./query/answer.js";
import { analyzerVersionFor, textFeatures } from "./query/analysis.js";
import { collectVocabulary, createTextContext, isNounLike, loadGlossary } from "./text/index.js";
import { postgresCacheDir } from "./store/postgres/cache-dir.js";
import { loadIndexFromPostgres } from "./store/postgres/load.js";
import { databaseUrlOf, withPool } from "./store/postgres/pool.js";

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
  const expected = { embedder: embedder.descriptor, analyzer: analyzerVersionFor(config) };
  // STORE=postgres: the current version in the database, replicated into memory (indexDir is unused).
  const index: LoadedIndex =
    config.store.kind === "postgres"
      ? await withPool(databaseUrlOf(config), (pool) => loadIndexFromPostgres(pool, embedder.embeddings, expected, { cacheDir: postgresCacheDir(config) }))
      : await loadIndex(indexDir, embedder.embeddings, expected);
  const glossary = loadGlossary(index.glossaryPath);
  const text = createTextContext({
    glossary,
    // Typo correction works on whole words: a misspelt word is closer to the word than to its stem.
    vocabulary: index.vocabulary ?? collectVocabulary(index.chunks.map((c) => `${c.title} ${c.text}`)),
    idf: (t) => index.lexical.idf(t),
    features: textFeatures(config),
  });
  // Load the dictionary, word classes and typo index now, so the first question does not pay for them.
  void text.lexicon;
  void text.fuzzy;
  isNounLike("rutin");
  const chat = config.llm.provider !== "none" ? createChatModel(config.llm) : undefined;
  return createAnswerService({ index, embeddings: embedder.embeddings, text, config, ...(chat ? { chat } : {}), ...(options.log ? { log: options.log } : {}), ...(options.today ? { today: options.today } : {}) });
}

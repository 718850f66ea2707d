/**
 * CLI: npm run check-model
 * Checks the configured language model (LLM_*) and remote embedder
 * (EMBEDDINGS_*): reachable, model present, one test call answered.
 * Exit 0 when everything configured works, 1 otherwise, 2 on bad config.
 */
import { ConfigError, loadConfig } from "../config/env.js";
import { checkChatModel } from "../models/check-model.js";
import { createEmbedder } from "../models/embedder.js";

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    return 2;
  }
  let failed = false;

  if (config.llm.provider === "none") {
    console.log("Språkmodell: ingen (LLM_PROVIDER=none); svaren citeras direkt ur rutinerna.");
  } else {
    try {
      const r = await checkChatModel(config.llm);
      console.log(`Språkmodell: OK – ${r.provider} ${r.model} på ${r.baseUrl} svarade på ${r.chatMs} ms (”${r.reply}”).`);
    } catch (err) {
      failed = true;
      console.error(`Språkmodell: FEL – ${(err as Error).message}`);
    }
  }

  if (config.embeddings.provider === "hashing") {
    console.log(`Inbäddningar: inbyggd hashing (${config.embeddings.dimensions} dimensioner), ingen extern tjänst.`);
  } else {
    try {
      const { descriptor } = await createEmbedder(config.embeddings);
      console.log(`Inbäddningar: OK – ${descriptor.provider} ${descriptor.model} på ${config.embeddings.baseUrl} (${descriptor.dimensions} dimensioner).`);
    } catch (err) {
      failed = true;
      console.error(`Inbäddningar: FEL – ${(err as Error).message}`);
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

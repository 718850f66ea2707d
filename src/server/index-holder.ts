/**
 * Owns the answer service the server currently answers from. `reload()`
 * opens the newly published index completely before swapping the reference,
 * so a question is always answered by one whole index version: the old one
 * until the swap, the new one after it. A failed reload keeps the old one.
 */
import type { Config } from "../config/env.js";
import type { AnswerService } from "../query/answer.js";
import { openAnswerService } from "../runtime.js";

export interface IndexHolder {
  /** The service to answer with right now; call per request, never cache it. */
  current(): AnswerService;
  /** Opens the index `config.indexDir` points at now and swaps to it. */
  reload(): Promise<AnswerService>;
}

/** Opens the current index and returns a holder for it. */
export async function createIndexHolder(config: Config, open: (config: Config) => Promise<AnswerService> = openAnswerService): Promise<IndexHolder> {
  let service = await open(config);
  return {
    current: () => service,
    async reload() {
      const next = await open(config);
      service = next;
      return next;
    },
  };
}

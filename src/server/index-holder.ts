/**
 * Owns the answer service the server currently answers from. `reload()`
 * opens the newly published index completely before swapping the reference,
 * so a question is always answered by one whole index version: the old one
 * until the swap, the new one after it. A failed reload keeps the old one.
 * Reloads run one at a time. With STORE=postgres the holder also listens for
 * versions published by any instance (LISTEN/NOTIFY) and reloads on each.
 */
import type { Config } from "../config/env.js";
import type { AnswerService } from "../query/answer.js";
import { openAnswerService } from "../runtime.js";
import { followPostgresVersions } from "../store/postgres/follow.js";

export interface IndexHolder {
  /** The service to answer with right now; call per request, never cache it. */
  current(): AnswerService;
  /** Opens the index `config.indexDir` (or the database's current version) points at now and swaps to it. */
  reload(): Promise<AnswerService>;
  /** Stops following the database (STORE=postgres); a no-op for the file store. */
  close(): Promise<void>;
}

/** Opens the current index and returns a holder for it. */
export async function createIndexHolder(
  config: Config,
  open: (config: Config) => Promise<AnswerService> = openAnswerService,
  options: { log?: (msg: string, err?: unknown) => void } = {},
): Promise<IndexHolder> {
  let service = await open(config);
  let queue: Promise<unknown> = Promise.resolve();
  const swap = (unlessVersion?: string): Promise<AnswerService> => {
    const next = queue.then(async () => {
      // A notification for the version already served (e.g. this instance's own job reloaded it) is a no-op.
      if (unlessVersion !== undefined && service.index.manifest.version === unlessVersion) return service;
      service = await open(config);
      return service;
    });
    queue = next.catch(() => undefined);
    return next;
  };
  const follower =
    config.store.kind === "postgres"
      ? await followPostgresVersions(
          config,
          (version) => {
            swap(version).catch((err: unknown) => options.log?.(`Kunde inte byta till indexversion ${version}; den tidigare används`, err));
          },
          options.log,
        )
      : null;
  return {
    current: () => service,
    reload: () => swap(),
    close: async () => {
      await follower?.close();
    },
  };
}

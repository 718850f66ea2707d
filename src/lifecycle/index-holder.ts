/**
 * Owns the answer service the server currently answers from. `reload()`
 * opens the newly published index completely before swapping the reference,
 * so a question is always answered by one whole index version: the old one
 * until the swap, the new one after it. A failed reload keeps the old one.
 * Reloads run one at a time. With STORE=postgres the holder also listens for
 * versions published by any instance (LISTEN/NOTIFY) and reloads on each.
 *
 * Database search (VECTOR_SEARCH=pgvector, LEXICAL_SEARCH=postgres) needs
 * connections while answering. The holder owns ONE pool for it, shared by
 * every service it opens, and ends it in `close()`. A pool per service would
 * have to be ended after each swap while requests that picked the old
 * service just before the swap may still be searching with it; a shared pool
 * has no such race (each service searches its own version by id, and the
 * previous version stays in the database until the next publish prunes it).
 * A swapped-out service is still closed, for whatever else it holds.
 */
import type { Config } from "../config/env.js";
import type { AnswerService } from "../query/answer.js";
import { openAnswerService, SEARCH_POOL_SIZE, usesDatabaseSearch } from "./open-answer-service.js";
import { followPostgresVersions } from "../store/postgres/follow.js";
import { createPool, databaseUrlOf } from "../store/postgres/pool.js";

export interface IndexHolder {
  /** The service to answer with right now; call per request, never cache it. */
  current(): AnswerService;
  /** Opens the index `config.indexDir` (or the database's current version) points at now and swaps to it. */
  reload(): Promise<AnswerService>;
  /** Stops following the database (STORE=postgres), closes the current service and ends the search pool. */
  close(): Promise<void>;
}

/**
 * Opens the current index and returns a holder for it.
 * @param open how to open a service; the default shares the holder's search pool.
 */
export async function createIndexHolder(
  config: Config,
  open?: (config: Config) => Promise<AnswerService>,
  options: { log?: (msg: string, err?: unknown) => void } = {},
): Promise<IndexHolder> {
  const log = options.log ?? (() => {});
  const searchPool = !open && usesDatabaseSearch(config) ? createPool(databaseUrlOf(config), { max: SEARCH_POOL_SIZE, log }) : undefined;
  const openService = open ?? ((c: Config) => openAnswerService(c, c.indexDir, { ...(options.log ? { log: options.log } : {}), ...(searchPool ? { searchPool } : {}) }));
  let service: AnswerService;
  try {
    service = await openService(config);
  } catch (err) {
    await searchPool?.end();
    throw err;
  }
  let queue: Promise<unknown> = Promise.resolve();
  const swap = (unlessVersion?: string): Promise<AnswerService> => {
    const next = queue.then(async () => {
      // A notification for the version already served (e.g. this instance's own job reloaded it) is a no-op.
      if (unlessVersion !== undefined && service.index.manifest.version === unlessVersion) return service;
      const previous = service;
      const next = await openService(config);
      // Structures built on first use (copy groups, document context, section terms) are built now,
      // before the swap, so the first askers on the new version do not wait for them (issue 15).
      await next.warmUp?.();
      service = next;
      previous.close?.().catch((err: unknown) => log("Kunde inte stänga den tidigare indexversionens tjänst", err));
      return service;
    });
    queue = next.catch(() => undefined);
    return next;
  };
  let follower: Awaited<ReturnType<typeof followPostgresVersions>> | null = null;
  try {
    follower =
      config.store.kind === "postgres"
        ? await followPostgresVersions(
            config,
            (version) => {
              swap(version).catch((err: unknown) => options.log?.(`Kunde inte byta till indexversion ${version}; den tidigare används`, err));
            },
            options.log,
          )
        : null;
  } catch (err) {
    await service.close?.();
    await searchPool?.end();
    throw err;
  }
  let closed: Promise<void> | undefined;
  return {
    current: () => service,
    reload: () => swap(),
    close: () =>
      (closed ??= (async () => {
        await follower?.close();
        // A reload under way finishes first, so the service it opens is the one closed here.
        await queue;
        await service.close?.();
        await searchPool?.end();
      })()),
  };
}

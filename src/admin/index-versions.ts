/**
 * The kept index versions as the admin API sees them, for either store: the
 * current one, the previous one (each publish keeps the version it replaced,
 * see `pruneVersions` and `publishIndexVersion`), and switching back to it.
 * Switching is as atomic as a publish: a symlink rename for the file store,
 * one transaction plus NOTIFY for PostgreSQL.
 */
import type { Config } from "../config/env.js";
import { AppError } from "../core/errors.js";
import { indexVersions, readManifest, switchToVersion, type Manifest } from "../core/index-store.js";
import { databaseUrlOf, withPool } from "../store/postgres/pool.js";
import { postgresIndexVersions, restorePreviousPostgresVersion, switchPostgresVersion } from "../store/postgres/publish.js";

export interface VersionSummary {
  version: string;
  builtAt: string;
  documents: number;
  corpusDir: string;
}

/** There is no earlier version to go back to. */
export class NoPreviousVersionError extends AppError {
  constructor() {
    super("no_previous_version", "Det finns ingen tidigare indexversion att återställa.", 409);
  }
}

const summary = <T extends VersionSummary>(v: T | null): VersionSummary | null =>
  v ? { version: v.version, builtAt: v.builtAt, documents: v.documents, corpusDir: v.corpusDir } : null;

/** The current version and the one `restorePreviousVersion` would switch to. */
export async function listIndexVersions(config: Config): Promise<{ current: VersionSummary | null; previous: VersionSummary | null }> {
  if (config.store.kind === "postgres") return withPool(databaseUrlOf(config), postgresIndexVersions);
  const { current, previous } = await indexVersions(config.indexDir);
  return { current: summary(current), previous: summary(previous) };
}

/** The previous version would not load with this configuration (another embedder or text analysis). */
class IncompatibleVersionError extends AppError {
  constructor(detail: string) {
    super("previous_incompatible", `Den tidigare indexversionen kan inte användas med den här konfigurationen (${detail}); den har inte återställts.`, 409);
  }
}

/** Refuses a version whose embedder or analyzer differ from the served one's (loading it would fail after the switch). */
function assertSameBuild(candidate: { embedder: unknown; analyzer: string }, served: Pick<Manifest, "embedder" | "analyzer">): void {
  const e = candidate.embedder as Partial<Manifest["embedder"]> | null;
  if (!e || e.provider !== served.embedder.provider || e.model !== served.embedder.model || e.dimensions !== served.embedder.dimensions) {
    throw new IncompatibleVersionError(`byggd med inbäddningsmodellen ${e?.provider ?? "?"}/${e?.model ?? "?"}/${e?.dimensions ?? "?"}`);
  }
  if (candidate.analyzer !== served.analyzer) throw new IncompatibleVersionError(`byggd med språkanalysen ${candidate.analyzer}`);
}

export interface Restored {
  from: VersionSummary | null;
  to: VersionSummary;
  /** Switches back to `from` (when loading `to` failed after the switch). */
  undo(): Promise<void>;
}

/**
 * Makes the previous version current (atomically, like a publish). The
 * caller reloads the served index; with PostgreSQL, other instances follow
 * the NOTIFY. Throws NoPreviousVersionError when there is none, and
 * IncompatibleVersionError when it was built with another embedder or text
 * analysis than the `served` one (nothing is switched then).
 */
export async function restorePreviousVersion(config: Config, served: Pick<Manifest, "embedder" | "analyzer">): Promise<Restored> {
  if (config.store.kind === "postgres") {
    const url = databaseUrlOf(config);
    const switched = await withPool(url, (pool) => restorePreviousPostgresVersion(pool, (candidate) => assertSameBuild(candidate, served)));
    if (!switched) throw new NoPreviousVersionError();
    const { from } = switched;
    return {
      ...switched,
      undo: async () => {
        if (from) await withPool(url, (pool) => switchPostgresVersion(pool, from.version));
      },
    };
  }
  const { current, previous } = await indexVersions(config.indexDir);
  if (!previous) throw new NoPreviousVersionError();
  assertSameBuild(await readManifest(previous.dir), served);
  await switchToVersion(config.indexDir, previous.dir);
  return {
    from: summary(current),
    to: summary(previous)!,
    undo: async () => {
      if (current) await switchToVersion(config.indexDir, current.dir);
    },
  };
}

/**
 * The kept index versions as the admin API sees them, for either store: the
 * current one, the previous one (each publish keeps the version it replaced,
 * see `pruneVersions` and `publishIndexVersion`), and switching back to it.
 * Switching is as atomic as a publish: a symlink rename for the file store,
 * one transaction plus NOTIFY for PostgreSQL.
 */
import type { Config } from "../config/env.js";
import { AppError } from "../core/errors.js";
import { indexVersions, switchToVersion } from "../core/index-store.js";
import { databaseUrlOf, withPool } from "../store/postgres/pool.js";
import { postgresIndexVersions, restorePreviousPostgresVersion } from "../store/postgres/publish.js";

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

/**
 * Makes the previous version current. The caller reloads the served index
 * (with PostgreSQL, other instances follow the NOTIFY). Throws
 * NoPreviousVersionError when there is none.
 */
export async function restorePreviousVersion(config: Config): Promise<{ from: VersionSummary | null; to: VersionSummary }> {
  if (config.store.kind === "postgres") {
    const switched = await withPool(databaseUrlOf(config), restorePreviousPostgresVersion);
    if (!switched) throw new NoPreviousVersionError();
    return switched;
  }
  const { current, previous } = await indexVersions(config.indexDir);
  if (!previous) throw new NoPreviousVersionError();
  await switchToVersion(config.indexDir, previous.dir);
  return { from: summary(current), to: summary(previous)! };
}

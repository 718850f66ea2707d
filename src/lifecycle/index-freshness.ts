/**
 * Whether the published index can serve this version of Rutinsvar. An index
 * built by an older text analyzer (stemming, compounds and other Swedish
 * handling that decide the lexical terms) would match nothing reliably; since
 * the corpus it came from is at hand, start-up rebuilds it instead of failing.
 * Another embedder is different: that is a configuration choice, so loading
 * still refuses it and names both values.
 */
import type { Config } from "../config/env.js";
import { indexExists, readManifest } from "../core/index-store.js";
import { analyzerVersionFor } from "../text/index-terms.js";
import { currentBuild } from "../store/postgres/load.js";
import { databaseUrlOf, withPool } from "../store/postgres/pool.js";

export type IndexFreshness = { state: "missing" } | { state: "current" } | { state: "stale"; builtWith: string; expected: string; corpusDir: string };

/** Missing, current, or built with another analyzer than this configuration uses. */
export async function indexFreshness(config: Config): Promise<IndexFreshness> {
  const expected = analyzerVersionFor(config);
  let built: { analyzer: string; corpusDir: string } | null;
  if (config.store.kind === "postgres") {
    built = await withPool(databaseUrlOf(config), currentBuild);
  } else {
    built = indexExists(config.indexDir) ? await readManifest(config.indexDir) : null;
  }
  if (built === null) return { state: "missing" };
  // The folder it was built from: a rebuild must read the same one (src/admin/index-guard.ts).
  return built.analyzer === expected ? { state: "current" } : { state: "stale", builtWith: built.analyzer, expected, corpusDir: built.corpusDir };
}

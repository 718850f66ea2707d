/**
 * Whether the published index can serve this version of Rutinsvar. An index
 * built by an older text analyzer (stemming, compounds and other Swedish
 * handling that decide the lexical terms) would match nothing reliably; since
 * the corpus it came from is at hand, start-up rebuilds it instead of failing.
 * Another embedder is different: that is a configuration choice, so loading
 * still refuses it and names both values.
 */
import type { Config } from "./config/env.js";
import { indexExists, readManifest } from "./core/index-store.js";
import { analyzerVersionFor } from "./query/analysis.js";
import { currentAnalyzer } from "./store/postgres/load.js";
import { databaseUrlOf, withPool } from "./store/postgres/pool.js";

export type IndexFreshness = { state: "missing" } | { state: "current" } | { state: "stale"; builtWith: string; expected: string };

/** Missing, current, or built with another analyzer than this configuration uses. */
export async function indexFreshness(config: Config): Promise<IndexFreshness> {
  const expected = analyzerVersionFor(config);
  let builtWith: string | null;
  if (config.store.kind === "postgres") {
    builtWith = await withPool(databaseUrlOf(config), currentAnalyzer);
  } else {
    builtWith = indexExists(config.indexDir) ? (await readManifest(config.indexDir)).analyzer : null;
  }
  if (builtWith === null) return { state: "missing" };
  return builtWith === expected ? { state: "current" } : { state: "stale", builtWith, expected };
}

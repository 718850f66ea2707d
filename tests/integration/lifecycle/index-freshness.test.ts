/**
 * Start-up decides from the published index whether to ingest: a missing
 * index and one built by an older text analyzer are rebuilt from the corpus
 * (src/main.ts), a current one is served. On both stores.
 */
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { expect, it } from "vitest";
import { runIngest } from "../../../ingest/pipeline.js";
import { indexFreshness } from "../../../src/lifecycle/index-freshness.js";
import { analyzerVersionFor } from "../../../src/text/index-terms.js";
import { describeEachStore, FIXTURE_CORPUS, tempDir, testConfig } from "../../helpers/fixture-index.js";

/** Pretends the published index was built by an analyzer that no longer exists. */
async function markBuiltWith(analyzer: string, config: ReturnType<typeof testConfig>): Promise<void> {
  if (config.store.kind === "postgres") {
    const client = new pg.Client({ connectionString: config.store.databaseUrl });
    await client.connect();
    await client.query("UPDATE index_versions SET manifest = jsonb_set(manifest, '{analyzer}', to_jsonb($1::text)) WHERE is_current", [analyzer]);
    await client.end();
    return;
  }
  const file = path.join(config.indexDir, "manifest.json");
  const manifest = JSON.parse(await fs.readFile(file, "utf8")) as { analyzer: string };
  manifest.analyzer = analyzer;
  await fs.writeFile(file, JSON.stringify(manifest));
}

await describeEachStore("index freshness at start-up", (store) => {
  it("is missing before the first ingest, current after it, and stale once the analyzer differs", async () => {
    const dir = await tempDir("rutinsvar-fresh-");
    try {
      const config = testConfig({ ...store.env, CORPUS_DIR: FIXTURE_CORPUS, INDEX_DIR: path.join(dir, "index"), DATA_DIR: dir });
      expect(await indexFreshness(config)).toEqual({ state: "missing" });

      await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir: config.indexDir, config });
      expect(await indexFreshness(config)).toEqual({ state: "current" });

      await markBuiltWith("sv-0", config);
      expect(await indexFreshness(config)).toEqual({ state: "stale", builtWith: "sv-0", expected: analyzerVersionFor(config), corpusDir: FIXTURE_CORPUS });

      // What start-up then does: a fresh ingest makes it current again.
      await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir: config.indexDir, config });
      expect(await indexFreshness(config)).toEqual({ state: "current" });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

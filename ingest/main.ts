/**
 * CLI: npm run ingest -- [--corpus DIR] [--index DIR] [--strict]
 * Exit code 0 when an index was written, 1 when nothing could be ingested (or
 * any file failed under --strict), 2 on bad arguments or configuration.
 */
import { parseArgs } from "node:util";
import { loadConfig, ConfigError } from "../src/config/env.js";
import { IngestFailedError, runIngest } from "./pipeline.js";
import { progressBar, summaryTables } from "./report.js";

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        corpus: { type: "string" },
        index: { type: "string" },
        strict: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }).values;
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  if (args.help) {
    console.log("Användning: npm run ingest -- [--corpus KATALOG] [--index KATALOG] [--strict]");
    return 0;
  }
  const config = loadConfig();
  const corpusDir = args.corpus ?? config.corpusDir;
  const indexDir = args.index ?? config.indexDir;
  const bar = progressBar();
  try {
    const summary = await runIngest({ corpusDir, indexDir, config, strict: args.strict, onProgress: (p) => bar.update(p) });
    bar.stop();
    console.log(summaryTables(summary));
    console.log(`Index ${config.store.kind === "postgres" ? "publicerat i PostgreSQL" : `skrivet till ${indexDir}`} (version ${summary.version}).`);
    return 0;
  } catch (err) {
    bar.stop();
    if (err instanceof IngestFailedError) {
      console.log(summaryTables(err.summary));
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(2);
  },
);

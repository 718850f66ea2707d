/**
 * Start-up: config → (first start: ingest the corpus) → load index → serve.
 */
import { serve } from "@hono/node-server";
import { loadConfig, loadDotEnv, ConfigError } from "./config/env.js";
import { pruneVersions } from "./core/index-store.js";
import { indexFreshness } from "./lifecycle/index-freshness.js";
import { IngestFailedError, runIngest } from "../ingest/pipeline.js";
import { progressBar, summaryTables } from "../ingest/report.js";
import { ingestFunctions } from "../ingest/index.js";
import { authWarning, loadSecurityFiles } from "./access/index.js";
import { createAdminBackend } from "./admin/backend.js";
import type { IngestFunctions } from "./admin/ingest-functions.js";
import { corpusMismatch } from "./admin/index-guard.js";
import { createApp } from "./server/app.js";
import { createIndexHolder } from "./lifecycle/index-holder.js";
import { scheduleRetention } from "./store/retention.js";
import { checkChatModel } from "./models/check-model.js";
import { createLogger, errorLog } from "./observability/logger.js";
import { checkCorpusForIngest, checkIndexFolder, databaseDescription, listening } from "./startup-checks.js";

async function main() {
  // Settings from .env in the working directory, when there is one; variables already set win.
  const envFile = loadDotEnv();
  const config = loadConfig();
  // JSON lines on stdout at LOG_LEVEL (src/observability/logger.ts); request lines carry their request id.
  const logger = createLogger(config.logLevel);
  if (envFile) logger.info({ envFile }, `Inställningar lästa från ${envFile}`);
  // Tokens and access policy are read before anything else, so a bad file fails the boot at once.
  const securityFiles = loadSecurityFiles(config.security);
  const warning = authWarning(config.security, config.host);
  if (warning) logger.warn(warning);
  if (config.llm.provider !== "none") {
    // A wrong URL, model or key stops the start here, naming them, instead of degrading every answer.
    const model = await checkChatModel(config.llm);
    logger.info({ provider: model.provider, model: model.model, chatMs: model.chatMs }, `Språkmodell: ${model.provider} ${model.model} på ${model.baseUrl} (svarade på ${model.chatMs} ms)`);
  }
  // Leftovers of an interrupted ingest are removed; the published version keeps serving.
  if (config.store.kind !== "postgres") await checkIndexFolder(config.indexDir);
  await pruneVersions(config.indexDir, 2);
  const freshness = await indexFreshness(config);
  if (freshness.state === "stale") {
    // Rebuilding from another folder than the index's would replace its documents with that folder's.
    const mismatch = corpusMismatch(config.corpusDir, { corpusDir: freshness.corpusDir });
    if (mismatch) throw new Error(`Indexet behöver byggas om men startas inte om från fel mapp: ${mismatch.message}`);
  }
  if (freshness.state !== "current") {
    await checkCorpusForIngest(config);
    const where = config.store.kind === "postgres" ? "databasen" : config.indexDir;
    console.log(
      freshness.state === "missing"
        ? `Inget index i ${where}: läser in ${config.corpusDir} …`
        : `Indexet i ${where} byggdes med språkanalysen ${freshness.builtWith}, den här versionen använder ${freshness.expected}: läser in ${config.corpusDir} på nytt …`,
    );
    const bar = progressBar();
    try {
      const summary = await runIngest({ corpusDir: config.corpusDir, indexDir: config.indexDir, config, onProgress: (p) => bar.update(p) });
      bar.stop();
      console.log(summaryTables(summary));
    } catch (err) {
      bar.stop();
      if (err instanceof IngestFailedError) console.log(summaryTables(err.summary));
      throw err;
    }
  }
  // The holder swaps to a re-ingested index only once it is fully loaded (zero downtime).
  const log = errorLog(logger);
  const holder = await createIndexHolder(config, undefined, { log });
  // The one place that hands ingest/ to the admin side (jobs, upload checks, sidecars): src/admin and src/server never import it.
  const ingest: IngestFunctions = ingestFunctions;
  // STORE=postgres: jobs, feedback, the audit trail and the question log live in the shared database.
  const { stores, jobs, close } = await createAdminBackend(config, holder, log, ingest);
  const retention = scheduleRetention(stores, config.security.retentionDays, log);
  const mismatch = corpusMismatch(config.corpusDir, holder.current().index.manifest);
  if (mismatch) logger.warn(`VARNING: ${mismatch.message}`);
  const app = createApp({ config, answers: holder.current, log, stores, jobs, ingest, questions: stores.questions, logger, ...securityFiles });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const { counts } = holder.current().index.manifest;
    logger.info(
      { address: info.address, port: info.port, documents: counts.documents, chunks: counts.chunks, index: config.indexDir, database: databaseDescription(config) },
      `Rutinsvar svarar på http://${info.address === "127.0.0.1" ? "localhost" : info.address}:${info.port} (${counts.documents} dokument, ${counts.chunks} avsnitt; index ${config.indexDir}, databas ${databaseDescription(config)})`,
    );
  });
  // A port in use ends the start with one line instead of an unhandled 'error' event.
  await listening(server as unknown as import("node:net").Server, config);
  const shutdown = () =>
    server.close(() => {
      retention.stop();
      void close()
        .catch((err: unknown) => log("closing the stores failed", err))
        .then(() => holder.close())
        .finally(() => process.exit(0));
    });
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
  process.exit(1);
});

/**
 * The swap scenario's server (bench/swap-bench.ts): the real HTTP server over
 * an index of a real corpus, wired like src/main.ts, with the admin API on
 * (ADMIN_TOKEN from argv) so the bench can start a full re-index job
 * and measure answers while the job runs and the new version is swapped in.
 * Same IPC protocol as server-worker.ts.
 * Usage (forked with IPC): tsx bench/workers/swap-server-worker.ts <indexDir> <corpusDir> <adminToken>
 */

import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { createAdminBackend } from "../../src/admin/backend.js";
import { loadConfig } from "../../src/config/env.js";
import { createApp } from "../../src/server/app.js";
import { createIndexHolder } from "../../src/server/index-holder.js";
import { ingestFunctions } from "../../ingest/index.js";

export type ServerWorkerMessage =
  | { type: "ready"; port: number; loadMs: number }
  | { type: "marked" }
  | { type: "stats"; maxRssMb: number; errors: number; cpuMsSinceMark: number };

async function main(): Promise<void> {
  const indexDir = process.argv[2];
  const corpusDir = process.argv[3];
  const adminToken = process.argv[4];
  if (!indexDir || !corpusDir || !adminToken || !process.send) throw new Error("swap-server-worker: run forked with IPC: swap-server-worker <indexDir> <corpusDir>");
  const send = (m: ServerWorkerMessage) => process.send!(m);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "rutinsvar-bench-"));
  const config = loadConfig({
    NODE_ENV: "production",
    LOG_LEVEL: "silent",
    OCR: "off",
    INDEX_DIR: indexDir,
    CORPUS_DIR: corpusDir,
    ADMIN_TOKEN: adminToken,
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: "3000",
    RATE_LIMIT_PER_MINUTE: "100000",
  });
  const started = performance.now();
  const holder = await createIndexHolder(config);
  // The first answer builds lazy structures (dictionary, typo index); do it before the clock starts.
  await holder.current().ask({ question: "Vem ansvarar för orosanmälan?" });
  const loadMs = performance.now() - started;
  let errors = 0;
  const log = () => void errors++;
  const { stores, jobs, close } = await createAdminBackend(config, holder, log, ingestFunctions);
  const app = createApp({ config, answers: holder.current, log, stores, jobs, ingest: ingestFunctions, questions: stores.questions });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => send({ type: "ready", port: info.port, loadMs }));
  const stop = () =>
    server.close(() => {
      void close()
        .then(() => rm(dataDir, { recursive: true, force: true }))
        .finally(() => process.exit(0));
    });
  let mark = process.cpuUsage();
  process.on("message", (m: unknown) => {
    if (m === "mark") {
      mark = process.cpuUsage();
      send({ type: "marked" });
    }
    if (m === "stats") {
      const cpu = process.cpuUsage(mark);
      send({ type: "stats", maxRssMb: process.resourceUsage().maxRSS / 1024, errors, cpuMsSinceMark: (cpu.user + cpu.system) / 1000 });
    }
    if (m === "stop") stop();
  });
  process.on("disconnect", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});

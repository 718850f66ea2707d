/**
 * Child process running the real HTTP server over a given index on 127.0.0.1
 * and a random port, for the autocannon benchmark. Wired like src/main.ts
 * (index holder, SQLite stores, question log for the audit trail, security
 * middleware) so per-request costs are the production ones; only the
 * per-address rate limit is raised to its maximum, since all 50 benchmark
 * clients share one address. Talks to the parent over IPC: sends `{ready, port, loadMs}` when
 * listening, notes its CPU time on `"mark"`, answers `"stats"` with its peak
 * RSS and the CPU time used since the mark, exits on `"stop"`.
 * With a corpus folder and an admin token the admin API is on, for the swap
 * scenario (bench/swap-bench.ts), which starts a full re-index job through it.
 * Usage (forked with IPC): tsx bench/workers/server-worker.ts <indexDir> [<corpusDir> <adminToken>]
 */
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { createAdminBackend } from "../../src/admin/backend.js";
import { loadConfig } from "../../src/config/env.js";
import { createApp } from "../../src/server/app.js";
import { createIndexHolder } from "../../src/lifecycle/index-holder.js";
import { ingestFunctions } from "../../ingest/index.js";

export type ServerWorkerMessage =
  | { type: "ready"; port: number; loadMs: number }
  | { type: "marked" }
  | { type: "stats"; maxRssMb: number; errors: number; cpuMsSinceMark: number };

async function main(): Promise<void> {
  const [indexDir, corpusDir, adminToken] = process.argv.slice(2);
  if (!indexDir || !process.send || Boolean(corpusDir) !== Boolean(adminToken)) {
    throw new Error("server-worker: run forked with IPC: server-worker <indexDir> [<corpusDir> <adminToken>]");
  }
  const send = (m: ServerWorkerMessage) => process.send!(m);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "rutinsvar-bench-"));
  const config = loadConfig({
    NODE_ENV: "production",
    LOG_LEVEL: "silent",
    OCR: "off",
    INDEX_DIR: indexDir,
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: "3000",
    RATE_LIMIT_PER_MINUTE: "100000",
    ...(corpusDir && adminToken ? { CORPUS_DIR: corpusDir, ADMIN_TOKEN: adminToken } : {}),
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

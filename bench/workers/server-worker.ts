/**
 * Child process running the real HTTP server (createApp + @hono/node-server)
 * over a given index on 127.0.0.1 and a random port, for the autocannon
 * benchmark. Talks to the parent over IPC: sends `{ready, port, loadMs}` when
 * listening, answers `"stats"` with its peak RSS, exits on `"stop"`.
 * Usage (forked with IPC): tsx bench/workers/server-worker.ts <indexDir>
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { loadConfig } from "../../src/config/env.js";
import { openAnswerService } from "../../src/runtime.js";
import { createApp } from "../../src/server/app.js";

export type ServerWorkerMessage =
  | { type: "ready"; port: number; loadMs: number }
  | { type: "stats"; maxRssMb: number; errors: number };

async function main(): Promise<void> {
  const indexDir = process.argv[2];
  if (!indexDir || !process.send) throw new Error("server-worker: run forked with IPC: server-worker <indexDir>");
  const send = (m: ServerWorkerMessage) => process.send!(m);
  const config = loadConfig({ NODE_ENV: "production", LOG_LEVEL: "silent", OCR: "off", INDEX_DIR: indexDir, HOST: "127.0.0.1", PORT: "3000" });
  const started = performance.now();
  const service = await openAnswerService(config, indexDir);
  // The first answer builds lazy structures (dictionary, typo index); do it before the clock starts.
  await service.ask({ question: "Vem ansvarar för orosanmälan?" });
  const loadMs = performance.now() - started;
  let errors = 0;
  const app = createApp({ config, answers: () => service, log: () => errors++ });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => send({ type: "ready", port: info.port, loadMs }));
  process.on("message", (m: unknown) => {
    if (m === "stats") send({ type: "stats", maxRssMb: process.resourceUsage().maxRSS / 1024, errors });
    if (m === "stop") server.close(() => process.exit(0));
  });
  process.on("disconnect", () => process.exit(0));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});

/**
 * HTTP throughput of POST /api/ask against the real server: the server runs
 * in its own process (bench/workers/server-worker.ts) so that autocannon, in
 * this process, does not share its event loop. Each request carries the next
 * question of a rotating list, so answers are not one cached path.
 */
import type { ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import { forkWorker } from "./run-worker.js";
import type { ServerWorkerMessage } from "./workers/server-worker.js";

export interface HttpBenchOptions {
  indexDir: string;
  questions: string[];
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  profileDir?: string;
}

export interface HttpBenchResult {
  connections: number;
  durationSeconds: number;
  answersPerSecond: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMs: { mean: number; p50: number; p90: number; p97_5: number; p99: number; max: number };
  serverLoadMs: number;
  serverMaxRssMb: number;
  serverLoggedErrors: number;
  /**
   * Server CPU time per answer during the load test. Unlike answers/s it
   * barely moves when other processes compete for the cores; 1000 / this is
   * what one otherwise idle core could serve.
   */
  serverCpuMsPerAnswer: number;
}

function waitFor<T extends ServerWorkerMessage["type"]>(child: ChildProcess, type: T): Promise<Extract<ServerWorkerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ServerWorkerMessage) => {
      if (m.type !== type) return;
      child.off("message", onMessage);
      resolve(m as Extract<ServerWorkerMessage, { type: T }>);
    };
    child.on("message", onMessage);
    child.once("exit", (code) => reject(new Error(`bench: servern avslutades (kod ${String(code)}) innan "${type}"`)));
  });
}

function load(url: string, questions: string[], connections: number, duration: number) {
  let next = 0;
  return autocannon({
    url,
    connections,
    duration,
    timeout: 30,
    requests: [
      {
        method: "POST",
        path: "/api/ask",
        headers: { "content-type": "application/json" },
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ question: questions[next++ % questions.length] }) }),
      },
    ],
  });
}

/** Start the server over `indexDir`, warm it up, then load it with `connections` clients for `durationSeconds`. */
export async function runHttpBench(o: HttpBenchOptions): Promise<HttpBenchResult> {
  const child = forkWorker("server-worker", [o.indexDir], { profileDir: o.profileDir });
  try {
    const ready = await waitFor(child, "ready");
    const url = `http://127.0.0.1:${ready.port}`;
    if (o.warmupSeconds > 0) await load(url, o.questions, o.connections, o.warmupSeconds);
    child.send("mark");
    await waitFor(child, "marked");
    const r = await load(url, o.questions, o.connections, o.durationSeconds);
    child.send("stats");
    const stats = await waitFor(child, "stats");
    return {
      connections: o.connections,
      durationSeconds: r.duration,
      answersPerSecond: r["2xx"] / r.duration,
      requests: r.requests.total,
      ok: r["2xx"],
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      latencyMs: { mean: r.latency.average, p50: r.latency.p50, p90: r.latency.p90, p97_5: r.latency.p97_5, p99: r.latency.p99, max: r.latency.max },
      serverLoadMs: ready.loadMs,
      serverMaxRssMb: stats.maxRssMb,
      serverLoggedErrors: stats.errors,
      serverCpuMsPerAnswer: stats.cpuMsSinceMark / Math.max(1, r["2xx"]),
    };
  } finally {
    if (child.connected) child.send("stop");
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

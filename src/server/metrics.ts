/**
 * Prometheus metrics (prom-client), one registry per app so several apps in
 * one process (tests) do not share counters:
 * - rutinsvar_http_requests_total{method,route,status} and
 *   rutinsvar_http_request_duration_seconds{method,route}: per route pattern
 *   (/api/sources/:chunkId, never the id), so the label set stays bounded;
 * - rutinsvar_answers_total{outcome}: answered | uncertain | abstained;
 * - rutinsvar_ingest_jobs_total{kind,status}: jobs this instance finished;
 * - rutinsvar_index_info{version}, rutinsvar_index_documents,
 *   rutinsvar_index_chunks, rutinsvar_index_built_timestamp_seconds: the
 *   index being served, read at scrape time;
 * - the process metrics of prom-client (CPU, memory, event loop lag).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { JobHandle, JobRunner } from "../admin/job-runner.js";
import type { Answer } from "../core/schemas.js";
import type { AnswerService } from "../query/answer.js";

export interface Metrics {
  registry: Registry;
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Wraps the answer service so every answer and abstention is counted, whichever route asked. */
  countAnswers(answers: () => AnswerService): () => AnswerService;
  /** Wraps the job runner so every finished job is counted by kind and outcome. */
  countJobs(jobs: JobRunner): JobRunner;
}

type AnswerOutcome = "answered" | "uncertain" | "abstained";

function outcomeOf(answer: Answer): AnswerOutcome {
  return answer.abstained ? "abstained" : answer.uncertain ? "uncertain" : "answered";
}

export function createMetrics(index: () => AnswerService["index"]): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "rutinsvar_" });
  const requests = new Counter({ name: "rutinsvar_http_requests_total", help: "HTTP requests by method, route pattern and status.", labelNames: ["method", "route", "status"], registers: [registry] });
  const duration = new Histogram({
    name: "rutinsvar_http_request_duration_seconds",
    help: "Time to the response headers, by method and route pattern (streams: until the stream starts).",
    labelNames: ["method", "route"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const answers = new Counter({ name: "rutinsvar_answers_total", help: "Answers by outcome: answered, uncertain (weak evidence, with notice) or abstained.", labelNames: ["outcome"], registers: [registry] });
  for (const outcome of ["answered", "uncertain", "abstained"]) answers.inc({ outcome }, 0);
  const jobs = new Counter({ name: "rutinsvar_ingest_jobs_total", help: "Ingest jobs finished by this instance, by kind and status.", labelNames: ["kind", "status"], registers: [registry] });
  new Gauge({
    name: "rutinsvar_index_info",
    help: "The index version being served (value 1).",
    labelNames: ["version"],
    registers: [registry],
    collect() {
      this.reset();
      this.set({ version: index().manifest.version }, 1);
    },
  });
  new Gauge({ name: "rutinsvar_index_documents", help: "Documents in the served index.", registers: [registry], collect() { this.set(index().manifest.counts.documents); } });
  new Gauge({ name: "rutinsvar_index_chunks", help: "Passages (chunks) in the served index.", registers: [registry], collect() { this.set(index().manifest.counts.chunks); } });
  new Gauge({
    name: "rutinsvar_index_built_timestamp_seconds",
    help: "When the served index was built (Unix time).",
    registers: [registry],
    collect() {
      const t = Date.parse(index().manifest.builtAt);
      if (Number.isFinite(t)) this.set(t / 1000);
    },
  });

  const wrapped = new WeakMap<AnswerService, AnswerService>();
  const counted = async (p: Promise<Answer>): Promise<Answer> => {
    const a = await p;
    answers.inc({ outcome: outcomeOf(a) });
    return a;
  };

  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    },
    countAnswers(current) {
      return () => {
        const service = current();
        let w = wrapped.get(service);
        if (!w) {
          // Everything else (index, close, whatever the service gains) is the service's own.
          w = Object.assign(Object.create(service) as AnswerService, {
            ask: (request: Parameters<AnswerService["ask"]>[0], context?: Parameters<AnswerService["ask"]>[1]) => counted(service.ask(request, context)),
            askStream: (request: Parameters<AnswerService["askStream"]>[0], onText: Parameters<AnswerService["askStream"]>[1], context?: Parameters<AnswerService["askStream"]>[2]) =>
              counted(service.askStream(request, onText, context)),
          });
          wrapped.set(service, w);
        }
        return w;
      };
    },
    countJobs(runner) {
      const count =
        (kind: string) =>
        async <T extends { status: string }>(p: Promise<T>): Promise<T> => {
          const record = await p;
          jobs.inc({ kind, status: record.status });
          return record;
        };
      return {
        ...runner,
        active: () => runner.active(),
        get: (id) => runner.get(id),
        list: (limit) => runner.list(limit),
        wait: (id) => runner.wait(id),
        idle: (ms) => runner.idle(ms),
        async begin(kind, description, actor) {
          const handle = await runner.begin(kind, description, actor);
          const done = count(kind);
          const h: JobHandle = {
            id: handle.id,
            run: (options) => done(handle.run(options)),
            runTask: (work, undo) => done(handle.runTask(work, undo)),
            abandon: async (error) => {
              await handle.abandon(error);
              jobs.inc({ kind, status: "failed" });
            },
          };
          return h;
        },
      };
    },
  };
}

/**
 * Turns raw benchmark measurements into target rows (target, measured,
 * ratios to the baselines measured in the same run, status) and prints them
 * as a table. Ratios make figures comparable across machines: a slower CPU
 * slows Rutinsvar and the baselines alike.
 */
import Table from "cli-table3";
import type { HttpBenchResult } from "./http-bench.js";
import type { IngestWorkerOutput } from "./workers/ingest-worker.js";
import type { QueryWorkerOutput } from "./workers/query-worker.js";
import { round } from "./stats.js";

type Status = "ok" | "MISSAT" | "info" | "ej mätt";

export interface TargetRow {
  key: string;
  metric: string;
  target: string;
  measured: number | null;
  unit: string;
  /** Ratio to the first baseline and what it is. */
  ratio: { value: number; against: string } | null;
  /** Ratio to the second baseline, where one applies. */
  ratio2: { value: number; against: string } | null;
  status: Status;
}

export interface BenchMeasurements {
  ingest?: IngestWorkerOutput;
  query: Record<string, QueryWorkerOutput>;
  http?: HttpBenchResult;
}

/** PDF pages/s: PDF files' own time plus their share (by chunks) of the final index write. */
function pdfPagesPerSecond(i: IngestWorkerOutput): number {
  const share = i.chunks > 0 ? i.pdfChunks / i.chunks : 0;
  return i.pdfPages / (i.pdfSeconds + i.writeIndexSeconds * share);
}

const status = (ok: boolean | null): Status => (ok === null ? "ej mätt" : ok ? "ok" : "MISSAT");

/** The rows of the targets plus informative rows. */
export function targetRows(m: BenchMeasurements): TargetRow[] {
  const rows: TargetRow[] = [];
  const i = m.ingest;
  if (i) {
    const pps = pdfPagesPerSecond(i);
    const raw = i.pdfPages / i.baselinePdfParseSeconds;
    rows.push({ key: "ingest.pdfPagesPerSecond", metric: "Inläsning PDF (sidor/s, varm)", target: "≥ 50", measured: round(pps, 1), unit: "sidor/s", ratio: { value: round(pps / raw, 3), against: "rå pdf-parse getText" }, ratio2: null, status: status(pps >= 50) });
    rows.push({ key: "ingest.chunksPerSecond", metric: "Inläsning hela körningen (avsnitt/s)", target: "–", measured: round(i.chunks / i.totalSeconds, 1), unit: "avsnitt/s", ratio: null, ratio2: null, status: "info" });
    const coldPps = i.pdfPages / (i.pdfSeconds + i.warmupSeconds.firstPdfParse + i.warmupSeconds.firstAnalysis + i.writeIndexSeconds * (i.pdfChunks / Math.max(1, i.chunks)));
    rows.push({ key: "ingest.pdfPagesPerSecondCold", metric: "Inläsning PDF inkl. kallstart (sidor/s)", target: "–", measured: round(coldPps, 1), unit: "sidor/s", ratio: null, ratio2: null, status: "info" });
  }
  for (const [size, q] of Object.entries(m.query)) {
    const n = Number(size);
    const label = n >= 1000 ? `${n / 1000}k` : String(n);
    const target = n >= 100_000 ? "≤ 50" : "–";
    rows.push({
      key: `query.${size}.p95`,
      metric: `Fråga offline p95 @ ${label} avsnitt (p50 ${round(q.ask.p50, 1)}, p99 ${round(q.ask.p99, 1)})`,
      target,
      measured: round(q.ask.p95, 1),
      unit: "ms",
      ratio: { value: round(q.ask.p95 / q.baselines.rawHnsw.p95, 1), against: "rå hnswlib p95" },
      ratio2: { value: round(q.ask.p95 / q.baselines.bruteForce.p95, 2), against: "brute-force cosinus p95" },
      status: n >= 100_000 ? status(q.ask.p95 <= 50) : "info",
    });
    rows.push({ key: `query.${size}.cpuMs`, metric: `CPU-tid per svar @ ${label} (ett kärntak: ${round(1000 / q.askCpuMsMean, 0)} svar/s)`, target: "–", measured: round(q.askCpuMsMean, 2), unit: "ms", ratio: { value: round(q.askCpuMsMean / q.baselines.rawHnsw.mean, 1), against: "rå hnswlib medel" }, ratio2: null, status: "info" });
    if (n >= 100_000) {
      const vectorMb = (q.chunks * q.dimensions * 4) / 1024 / 1024;
      rows.push({ key: `rss.${size}`, metric: `Högsta RSS @ ${label} avsnitt`, target: "≤ 1536", measured: round(q.maxRssMb, 0), unit: "MB", ratio: { value: round(q.maxRssMb / vectorMb, 1), against: "vektorerna som float32" }, ratio2: null, status: status(q.maxRssMb <= 1536) });
      rows.push({ key: `load.${size}`, metric: `Laddning av index @ ${label} (openAnswerService)`, target: "≤ 5", measured: round(q.loadMs / 1000, 2), unit: "s", ratio: { value: round(q.loadMs / q.rawHnswLoadMs, 1), against: "rå hnswlib readIndex" }, ratio2: null, status: status(q.loadMs <= 5000) });
      rows.push({ key: `firstAnswer.${size}`, metric: `Första svaret efter laddning @ ${label}`, target: "–", measured: round(q.firstAnswerMs / 1000, 2), unit: "s", ratio: null, ratio2: null, status: "info" });
    }
  }
  const h = m.http;
  const q10 = m.query["10000"];
  if (h) {
    rows.push({
      key: "http.answersPerSecond",
      metric: `HTTP POST /api/ask, ${h.connections} klienter @ 10k (p50 ${round(h.latencyMs.p50, 0)} ms, p99 ${round(h.latencyMs.p99, 0)} ms)`,
      target: "≥ 200",
      measured: round(h.answersPerSecond, 1),
      unit: "svar/s",
      ratio: q10 ? { value: round(h.answersPerSecond / (1000 / q10.baselines.rawHnsw.mean), 4), against: "rå hnswlib sökningar/s" } : null,
      ratio2: q10 ? { value: round(h.answersPerSecond / (1000 / q10.baselines.bruteForce.mean), 2), against: "brute-force sökningar/s" } : null,
      status: status(h.answersPerSecond >= 200 && h.non2xx === 0 && h.errors === 0),
    });
    rows.push({ key: "http.serverCpuMsPerAnswer", metric: `HTTP serverns CPU-tid per svar (ett kärntak: ${round(1000 / h.serverCpuMsPerAnswer, 0)} svar/s)`, target: "–", measured: round(h.serverCpuMsPerAnswer, 2), unit: "ms", ratio: q10 ? { value: round(h.serverCpuMsPerAnswer / q10.askCpuMsMean, 2), against: "ask() offline CPU-tid @ 10k" } : null, ratio2: null, status: "info" });
  }
  return rows;
}

/** The table printed at the end of `npm run bench`. */
export function renderTable(rows: TargetRow[]): string {
  const table = new Table({ head: ["Mått", "Mål", "Uppmätt", "Kvot mot baslinje", "Status"], wordWrap: true, colWidths: [52, 10, 18, 44, 9] });
  for (const r of rows) {
    const ratios = [r.ratio, r.ratio2].filter((x) => x !== null).map((x) => `${x.value}× ${x.against}`).join("\n");
    table.push([r.metric, r.target, r.measured === null ? "–" : `${r.measured} ${r.unit}`, ratios || "–", r.status]);
  }
  return table.toString();
}

/**
 * Terminal presentation of an ingest run: progress bar and summary tables.
 * Shared by `npm run ingest` and `npm start` (first-start ingest).
 */
import cliProgress from "cli-progress";
import Table from "cli-table3";
import type { IngestProgress, IngestSummary } from "./pipeline.js";

export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  const bar = new cliProgress.SingleBar(
    { format: "Läser in |{bar}| {value}/{total} {current}", stream, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p: IngestProgress) {
      if (!started) {
        bar.start(p.total, p.done, { current: p.current });
        started = true;
      } else bar.update(p.done, { current: p.current });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export function summaryTables(summary: IngestSummary): string {
  const totals = new Table({ head: ["Dokument", "Sidor", "Avsnitt", "Varningar", "Misslyckade", "Sekunder"] });
  totals.push([summary.documents, summary.pages, summary.chunks, summary.warnings, summary.failed, summary.seconds.toFixed(1)]);
  const lines = [totals.toString()];
  const problems = summary.results.filter((r) => r.status === "failed" || r.warnings.length > 0);
  if (problems.length > 0) {
    const t = new Table({ head: ["Fil", "Status", "Orsak / varning"], colWidths: [40, 12, 70], wordWrap: true });
    for (const r of problems) {
      t.push([r.source, r.status === "failed" ? "MISSLYCKADES" : "varning", r.error ? `${r.error.code}: ${r.error.message}` : r.warnings.join("\n")]);
    }
    lines.push(t.toString());
  }
  return lines.join("\n");
}

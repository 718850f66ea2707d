/**
 * Compares two reports metric by metric. A drop of more than 0.01 on a
 * higher-is-better metric is flagged as a regression; nothing here exits.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { LOWER_IS_BETTER } from "./aggregate.js";
import type { GroupSummary, Report } from "./types.js";

/** Largest drop on a higher-is-better metric that is not called a regression. */
const REGRESSION_TOLERANCE = 0.01;

export interface DeltaRow {
  /** "overall" or a question type. */
  scope: string;
  key: string;
  old: number | null;
  new: number | null;
  /** new − old, null when either is missing. */
  delta: number | null;
  higherIsBetter: boolean;
  regression: boolean;
}

/** Reads a report.json, given the file or the directory holding it. */
export async function loadReport(file: string): Promise<Report> {
  const target = (await stat(file)).isDirectory() ? path.join(file, "report.json") : file;
  return JSON.parse(await readFile(target, "utf8")) as Report;
}

function compareGroup(scope: string, oldGroup: GroupSummary | undefined, newGroup: GroupSummary | undefined): DeltaRow[] {
  const keys = [...new Set([...Object.keys(oldGroup?.scores ?? {}), ...Object.keys(newGroup?.scores ?? {})])];
  return keys.map((key) => {
    const before = oldGroup?.scores[key] ?? null;
    const after = newGroup?.scores[key] ?? null;
    const delta = before !== null && after !== null ? after - before : null;
    const higherIsBetter = !LOWER_IS_BETTER.has(key);
    return {
      scope,
      key,
      old: before,
      new: after,
      delta,
      higherIsBetter,
      regression: higherIsBetter && delta !== null && delta < -REGRESSION_TOLERANCE,
    };
  });
}

/** Deltas overall and per question type present in either report. */
export function compareReports(oldReport: Report, newReport: Report): DeltaRow[] {
  const rows = compareGroup("overall", oldReport.summary, newReport.summary);
  const types = [...new Set([...Object.keys(oldReport.byType), ...Object.keys(newReport.byType)])];
  for (const type of types) {
    rows.push(
      ...compareGroup(
        type,
        oldReport.byType[type as keyof Report["byType"]],
        newReport.byType[type as keyof Report["byType"]],
      ),
    );
  }
  return rows;
}

/** Warnings that make deltas not like for like (different question sets or modes). */
export function comparisonNotes(oldReport: Report, newReport: Report): string[] {
  const notes: string[] = [];
  const oldIds = oldReport.items.map((i) => i.id).join("\n");
  const newIds = newReport.items.map((i) => i.id).join("\n");
  if (oldIds !== newIds) {
    notes.push(`The reports cover different questions (${oldReport.items.length} vs ${newReport.items.length} items): deltas are not like for like.`);
  }
  if (oldReport.config.mode !== newReport.config.mode) {
    notes.push(`Modes differ (${oldReport.config.mode} vs ${newReport.config.mode}): latencies are not comparable.`);
  }
  return notes;
}

/**
 * Calibration of the system's confidence (`response.confidence`, 0..1: its
 * estimated probability that the answer is supported). An item's outcome is
 * "observed correct" when it is answerable, the system did not abstain and
 * retrieval hit gold (recall@5 > 0); unanswerable items are never correct (an
 * abstention there is right, but it is no supported answer). Reported as a
 * reliability diagram (10 equal-width bins), the Brier score and the expected
 * calibration error.
 */
import type { ItemReport } from "./types.js";

const CALIBRATION_BINS = 10;

export interface CalibrationPoint {
  confidence: number;
  correct: boolean;
}

export interface CalibrationBin {
  /** Lower edge (inclusive). */
  lo: number;
  /** Upper edge (exclusive, except the last bin which includes 1). */
  hi: number;
  n: number;
  /** Mean confidence of the items in the bin (null when empty). */
  meanConfidence: number | null;
  /** Share of the items in the bin that were observed correct (null when empty). */
  observed: number | null;
}

export interface CalibrationSummary {
  /** Items with a confidence. */
  n: number;
  /** Items of the report without one (old reports, failed calls). */
  missing: number;
  /** Mean of (confidence − outcome)², outcome 1 or 0. Lower is better. */
  brier: number | null;
  /** Σ_bins (n_b / n) · |mean confidence_b − observed_b|. Lower is better. */
  ece: number | null;
  bins: CalibrationBin[];
}

/** The confidence of a response when it carries a valid one (a number in 0..1). */
function confidenceOf(response: unknown): number | null {
  if (!response || typeof response !== "object") return null;
  const c = (response as { confidence?: unknown }).confidence;
  return typeof c === "number" && Number.isFinite(c) && c >= 0 && c <= 1 ? c : null;
}

/** Observed correctness of an item (see the module comment). */
export function observedCorrect(item: ItemReport): boolean {
  if (item.type === "unanswerable" || !item.response || item.response.abstained) return false;
  const recall = item.metrics.find((m) => m.key === "recall@5")?.score ?? null;
  return recall !== null && recall > 0;
}

function calibrationPoints(items: readonly ItemReport[]): CalibrationPoint[] {
  const out: CalibrationPoint[] = [];
  for (const item of items) {
    const confidence = confidenceOf(item.response);
    if (confidence !== null) out.push({ confidence, correct: observedCorrect(item) });
  }
  return out;
}

/** Index of the bin holding `confidence`: [0, 0.1) → 0 … [0.9, 1] → 9. */
export function binIndex(confidence: number, bins = CALIBRATION_BINS): number {
  return Math.min(bins - 1, Math.max(0, Math.floor(confidence * bins)));
}

export function binPoints(points: readonly CalibrationPoint[], bins = CALIBRATION_BINS): CalibrationBin[] {
  const acc = Array.from({ length: bins }, () => ({ n: 0, conf: 0, correct: 0 }));
  for (const p of points) {
    const b = acc[binIndex(p.confidence, bins)]!;
    b.n += 1;
    b.conf += p.confidence;
    b.correct += p.correct ? 1 : 0;
  }
  return acc.map((b, i) => ({
    lo: i / bins,
    hi: (i + 1) / bins,
    n: b.n,
    meanConfidence: b.n ? b.conf / b.n : null,
    observed: b.n ? b.correct / b.n : null,
  }));
}

export function summarizeCalibration(items: readonly ItemReport[], bins = CALIBRATION_BINS): CalibrationSummary {
  const points = calibrationPoints(items);
  const binned = binPoints(points, bins);
  const n = points.length;
  const brier = n ? points.reduce((s, p) => s + (p.confidence - (p.correct ? 1 : 0)) ** 2, 0) / n : null;
  const ece = n
    ? binned.reduce((s, b) => (b.n ? s + (b.n / n) * Math.abs(b.meanConfidence! - b.observed!) : s), 0)
    : null;
  return { n, missing: items.length - n, brier, ece, bins: binned };
}

/**
 * Reliability diagram as inline SVG (no scripts): one bar per non-empty bin at
 * its observed correctness, the diagonal of perfect calibration, and each bin's
 * item count above its bar.
 */
export function reliabilitySvg(bins: readonly CalibrationBin[]): string {
  const W = 360;
  const H = 300;
  const left = 44;
  const top = 16;
  const plotW = 300;
  const plotH = 240;
  const x = (v: number) => left + v * plotW;
  const y = (v: number) => top + (1 - v) * plotH;
  const r = (v: number) => Math.round(v * 10) / 10;
  const parts: string[] = [];
  parts.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="#fff" stroke="#999"/>`);
  for (let t = 0; t <= 10; t += 2) {
    const v = t / 10;
    parts.push(`<line x1="${left}" y1="${r(y(v))}" x2="${left + plotW}" y2="${r(y(v))}" stroke="#eee"/>`);
    parts.push(`<text x="${left - 6}" y="${r(y(v)) + 4}" font-size="10" text-anchor="end">${v.toFixed(1)}</text>`);
    parts.push(`<text x="${r(x(v))}" y="${top + plotH + 14}" font-size="10" text-anchor="middle">${v.toFixed(1)}</text>`);
  }
  for (const [i, b] of bins.entries()) {
    if (!b.n || b.observed === null) continue;
    const bw = (b.hi - b.lo) * plotW;
    const h = b.observed * plotH;
    parts.push(
      `<rect class="bin" data-bin="${i}" data-n="${b.n}" data-observed="${b.observed.toFixed(4)}" x="${r(x(b.lo) + 1)}" y="${r(y(b.observed))}" width="${r(bw - 2)}" height="${r(h)}" fill="#5c7cfa" fill-opacity="0.75"><title>${b.lo.toFixed(1)}–${b.hi.toFixed(1)}: ${b.n} item(s), observed ${b.observed.toFixed(2)}, mean confidence ${b.meanConfidence!.toFixed(2)}</title></rect>`,
    );
    parts.push(`<text class="count" x="${r(x((b.lo + b.hi) / 2))}" y="${r(y(b.observed) - 3)}" font-size="10" text-anchor="middle">${b.n}</text>`);
  }
  parts.push(`<line class="diagonal" x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#c62828" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${left + plotW / 2}" y="${H - 4}" font-size="11" text-anchor="middle">confidence</text>`);
  parts.push(`<text x="12" y="${top + plotH / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${top + plotH / 2})">observed correctness</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Reliability diagram" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join("")}</svg>`;
}

/**
 * Combines per-item metrics into group summaries: the mean of each metric over
 * the items where it applies, the abstention confusion matrix and latency percentiles.
 */
import { percentile } from "./metrics.js";
import type { QuestionType } from "./questions.js";
import { QUESTION_TYPES } from "./questions.js";
import type { AbstentionStats, GroupSummary, ItemReport } from "./types.js";

/** Keys where a lower value is better; every other score is higher-is-better. */
export const LOWER_IS_BETTER = new Set(["wrong_abstention_rate", "answerable_uncertain_rate", "latency_p50_ms", "latency_p95_ms", "latency_max_ms"]);

function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

/**
 * Abstention stats with abstaining as the positive class. Undefined ratios
 * (0/0) are null; F1 = 2tp / (2tp + fp + fn), which equals 2PR/(P+R) when both exist.
 */
export function abstentionStats(pairs: readonly { predicted: boolean; expected: boolean }[]): AbstentionStats {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { predicted, expected } of pairs) {
    if (predicted && expected) tp += 1;
    else if (predicted) fp += 1;
    else if (expected) fn += 1;
    else tn += 1;
  }
  return {
    tp,
    fp,
    fn,
    tn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    wrongAbstentionRate: ratio(fp, fp + tn),
  };
}

/** Mean of the non-null values, null when there are none. */
function meanOfApplicable(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

/** Summary of one group of items. */
export function summarize(items: readonly ItemReport[]): GroupSummary {
  const keys: string[] = [];
  for (const item of items) for (const m of item.metrics) if (!keys.includes(m.key)) keys.push(m.key);
  const scores: Record<string, number | null> = {};
  for (const key of keys) {
    scores[key] = meanOfApplicable(items.map((i) => i.metrics.find((m) => m.key === key)?.score ?? null));
  }
  const abstention = abstentionStats(
    items.map((i) => ({ predicted: i.response?.abstained ?? false, expected: i.type === "unanswerable" })),
  );
  scores.abstention_precision = abstention.precision;
  scores.abstention_recall = abstention.recall;
  scores.abstention_f1 = abstention.f1;
  scores.wrong_abstention_rate = abstention.wrongAbstentionRate;
  // An answer with the "Osäkert underlag" notice (`uncertain`) warns the reader instead of refusing:
  // how many unanswerable questions were refused or warned about, and how many answerable ones got the warning.
  const flagged = (i: ItemReport) => i.response?.abstained === true || (i.response as { uncertain?: boolean } | null)?.uncertain === true;
  const unanswerable = items.filter((i) => i.type === "unanswerable");
  const answerable = items.filter((i) => i.type !== "unanswerable");
  scores.unanswerable_flagged_rate = unanswerable.length ? unanswerable.filter(flagged).length / unanswerable.length : null;
  scores.answerable_uncertain_rate = answerable.length
    ? answerable.filter((i) => (i.response as { uncertain?: boolean } | null)?.uncertain === true).length / answerable.length
    : null;
  const latencies = items.map((i) => i.latencyMs);
  const latencyMs = {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies.length ? Math.max(...latencies) : null,
  };
  scores.latency_p50_ms = latencyMs.p50;
  scores.latency_p95_ms = latencyMs.p95;
  scores.latency_max_ms = latencyMs.max;
  return { n: items.length, errors: items.filter((i) => i.error !== null).length, scores, abstention, latencyMs };
}

/** Overall summary and one summary per question type present. */
export function aggregate(items: readonly ItemReport[]): {
  summary: GroupSummary;
  byType: Partial<Record<QuestionType, GroupSummary>>;
} {
  const byType: Partial<Record<QuestionType, GroupSummary>> = {};
  for (const type of QUESTION_TYPES) {
    const group = items.filter((i) => i.type === type);
    if (group.length > 0) byType[type] = summarize(group);
  }
  return { summary: summarize(items), byType };
}

/**
 * Renders a report as one self-contained HTML page (inline CSS, no scripts, no
 * external assets) for the quality team. Every text is escaped: questions,
 * answers and document passages are untrusted input.
 */
import type { MetricResult } from "./metrics.js";
import type { GroupSummary, ItemReport, Report } from "./types.js";
import { LOWER_IS_BETTER } from "./aggregate.js";
import { reliabilitySvg, summarizeCalibration } from "./calibration.js";

/** Escapes text for HTML element content and quoted attribute values. */
function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const e = escapeHtml;

type Status = "pass" | "partial" | "fail" | "na";

/** Green at 1, red at 0, amber in between, grey when not applicable. */
function metricStatus(m: MetricResult): Status {
  if (m.score === null) return "na";
  if (m.score >= 0.999) return "pass";
  if (m.score <= 0) return "fail";
  return "partial";
}

function fmt(value: number | null | undefined, key = ""): string {
  if (value === null || value === undefined) return "–";
  if (key.endsWith("_ms")) return `${Math.round(value)}`;
  return value.toFixed(3);
}

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:1rem 1.5rem;color:#1b1b1b;background:#fafafa}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5rem 0;background:#fff}th,td{border:1px solid #d0d0d0;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#eef}td.num{text-align:right;font-variant-numeric:tabular-nums}
details.item{background:#fff;border:1px solid #ccc;border-left:6px solid #2e7d32;margin:.6rem 0;padding:.4rem .8rem}
details.item.has-fail{border-left-color:#c62828}details.item.has-partial{border-left-color:#ef8f00}
summary{cursor:pointer;font-weight:600}
.pass{background:#e3f4e4;color:#1b5e20}.fail{background:#fde4e4;color:#8e0000}.partial{background:#fff1d6;color:#7a4a00}.na{background:#f0f0f0;color:#666}
.badge{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.8rem;margin-left:.3rem;font-weight:500}
.text{white-space:pre-wrap;background:#f6f6f6;padding:.4rem .6rem;border-radius:.3rem}
blockquote{margin:.2rem 0 .2rem 1rem;padding-left:.6rem;border-left:3px solid #bbb;white-space:pre-wrap}
.muted{color:#666;font-size:.9rem}.error{color:#8e0000;font-weight:600}
`;

function summaryTable(report: Report): string {
  const groups: [string, GroupSummary][] = [["overall", report.summary]];
  for (const [type, g] of Object.entries(report.byType)) if (g) groups.push([type, g]);
  const keys: string[] = [];
  for (const [, g] of groups) for (const k of Object.keys(g.scores)) if (!keys.includes(k)) keys.push(k);
  const head = `<tr><th>metric</th>${groups.map(([name]) => `<th>${e(name)}</th>`).join("")}</tr>`;
  const nRow = `<tr><td>n (errors)</td>${groups.map(([, g]) => `<td class="num">${g.n} (${g.errors})</td>`).join("")}</tr>`;
  const rows = keys
    .map((k) => {
      const dir = LOWER_IS_BETTER.has(k) ? " ↓" : "";
      return `<tr><td>${e(k)}${dir}</td>${groups.map(([, g]) => `<td class="num">${fmt(g.scores[k], k)}</td>`).join("")}</tr>`;
    })
    .join("");
  return `<table>${head}${nRow}${rows}</table><p class="muted">↓ lower is better. Means over items where the metric applies.</p>`;
}

function abstentionTable(g: GroupSummary): string {
  const a = g.abstention;
  return `<table><tr><th></th><th>expected abstain</th><th>expected answer</th></tr>
<tr><th>abstained</th><td class="num">${a.tp}</td><td class="num">${a.fp}</td></tr>
<tr><th>answered</th><td class="num">${a.fn}</td><td class="num">${a.tn}</td></tr></table>`;
}

function itemHtml(item: ItemReport): string {
  const statuses = item.metrics.map(metricStatus);
  const cls = statuses.includes("fail") || item.error ? "has-fail" : statuses.includes("partial") ? "has-partial" : "";
  const failed = item.metrics.filter((m) => metricStatus(m) === "fail").map((m) => m.key);
  const badges = failed.map((k) => `<span class="badge fail">${e(k)}</span>`).join("");
  const r = item.response;
  const previous = item.previous.length
    ? `<h4>Earlier turns</h4>${item.previous
        .map((t) => `<p><b>Q:</b> ${e(t.question)}<br><b>A:</b> ${e(t.answer)}</p>`)
        .join("")}`
    : "";
  const answer = r
    ? `<div class="text">${e(r.answer)}</div><p class="muted">abstained: ${r.abstained ? "yes" : "no"} · server time ${Math.round(r.timingMs)} ms · wall time ${Math.round(item.latencyMs)} ms</p>`
    : `<p class="error">No answer: ${e(item.error ?? "unknown error")}</p>`;
  const citations = item.citations.length
    ? `<ol class="cites">${item.citations
        .map((c) => {
          const valid = `<span class="badge ${c.valid ? "pass" : "fail"}">${c.valid ? "verbatim" : c.chunkFound ? "not verbatim" : "chunk not found"}</span>`;
          const hit = item.reference.sources.length
            ? `<span class="badge ${c.goldHits.length ? "pass" : "fail"}">${c.goldHits.length ? `hits gold #${c.goldHits.map((h) => h + 1).join(", #")}` : "off-gold"}</span>`
            : "";
          return `<li value="${c.n}"><b>[${c.n}]</b> ${e(c.source)} <span class="muted">${e(c.chunkId)}</span>${valid}${hit}<blockquote>${e(c.quote)}</blockquote></li>`;
        })
        .join("")}</ol>`
    : `<p class="muted">No citations.</p>`;
  const gold = item.gold.length
    ? `<ol>${item.gold
        .map((g) => {
          const rank = `<span class="badge ${g.firstRetrievedRank ? "pass" : "fail"}">${g.firstRetrievedRank ? `retrieved at rank ${g.firstRetrievedRank}` : "not retrieved"}</span>`;
          const cited = `<span class="badge ${g.cited ? "pass" : "fail"}">${g.cited ? "cited" : "not cited"}</span>`;
          return `<li>${e(g.doc)}${rank}${cited}<blockquote>${e(g.quote)}</blockquote></li>`;
        })
        .join("")}</ol>`
    : `<p class="muted">No gold sources (the system should abstain).</p>`;
  const must = item.reference.mustInclude.length
    ? `<p><b>Must include:</b> ${item.reference.mustInclude.map((t) => `<code>${e(t)}</code>`).join(", ")}</p>`
    : "";
  const metrics = `<table><tr><th>metric</th><th>score</th><th>why</th></tr>${item.metrics
    .map((m) => `<tr class="${metricStatus(m)}"><td>${e(m.key)}</td><td class="num">${fmt(m.score)}</td><td>${e(m.comment)}</td></tr>`)
    .join("")}</table>`;
  const retrieved = item.retrieved.length
    ? `<details><summary>Retrieved passages (${item.retrieved.length})</summary><table><tr><th>rank</th><th>source</th><th>chunk</th><th>score</th><th>gold hits</th></tr>${item.retrieved
        .map(
          (p) =>
            `<tr class="${p.goldHits.length ? "pass" : ""}"><td class="num">${p.rank}</td><td>${e(p.source)}</td><td>${e(p.chunkId)}</td><td class="num">${p.score.toFixed(4)}</td><td>${p.goldHits.map((h) => `#${h + 1}`).join(", ")}</td></tr>`,
        )
        .join("")}</table></details>`
    : `<p class="muted">No retrieved passages returned.</p>`;
  return `<details class="item ${cls}" id="${e(item.id)}"${cls === "has-fail" ? " open" : ""}>
<summary>${e(item.id)} · ${e(item.type)} · ${e(item.question)}${badges}</summary>
${previous}<h4>Answer</h4>${answer}<h4>Citations</h4>${citations}
<h4>Reference answer</h4><div class="text">${e(item.reference.answer)}</div>${must}
<h4>Gold sources</h4>${gold}<h4>Metrics</h4>${metrics}${retrieved}
</details>`;
}

/** Reliability diagram and calibration figures; empty when no answer carries a confidence (older reports). */
function calibrationSection(report: Report): string {
  const cal = summarizeCalibration(report.items);
  if (cal.n === 0) return "";
  const rows = cal.bins
    .map(
      (b) =>
        `<tr><td>${b.lo.toFixed(1)}–${b.hi.toFixed(1)}</td><td class="num">${b.n}</td><td class="num">${fmt(b.meanConfidence)}</td><td class="num">${fmt(b.observed)}</td></tr>`,
    )
    .join("");
  return `<h2>Calibration</h2>
<p class="muted">x: the answer's confidence (its estimated probability of being supported), 10 bins; y: observed correctness, the share of items in the bin that are answerable, not abstained and whose retrieval hit gold (recall@5 &gt; 0). Bars on the dashed diagonal are perfectly calibrated; the number above a bar is its item count.</p>
${reliabilitySvg(cal.bins)}
<p>Brier score ${fmt(cal.brier)} · expected calibration error ${fmt(cal.ece)} · ${cal.n} item(s) with a confidence${cal.missing ? `, ${cal.missing} without` : ""} (lower is better for both).</p>
<details><summary>Bins</summary><table><tr><th>confidence</th><th>n</th><th>mean confidence</th><th>observed correctness</th></tr>${rows}</table></details>`;
}

/** The whole report page. */
export function renderReportHtml(report: Report): string {
  const c = report.config;
  const manifest = c.indexManifest as { version?: string } | null;
  const issues = report.issues.length
    ? `<h2>Question file issues</h2><ul>${report.issues
        .map((i) => `<li class="${i.severity === "skipped" ? "error" : ""}">line ${i.line}${i.id ? ` (${e(i.id)})` : ""}: ${e(i.severity)}: ${e(i.message)}</li>`)
        .join("")}</ul>`
    : "";
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rutinsvar eval ${e(c.timestamp)}</title><style>${CSS}</style></head>
<body>
<h1>Rutinsvar answer-quality report</h1>
<p class="muted">${c.baseline ? `baseline: ${e(c.baseline)} · ` : ""}${e(c.timestamp)} · mode ${e(c.mode)}${c.url ? ` (${e(c.url)})` : ""} · questions ${e(c.questionsFile)} · corpus ${e(c.corpusDir)} · commit ${e(c.gitCommit ?? "unknown")}${manifest?.version ? ` · index ${e(manifest.version)}` : ""}</p>
${issues}
<h2>Summary</h2>${summaryTable(report)}
<h3>Abstention (all items)</h3>${abstentionTable(report.summary)}
${calibrationSection(report)}
<h2>Items (${report.items.length})</h2>
<p class="muted">Red border: some metric scored 0 or the call failed (opened). Amber: partial. Green: all applicable metrics perfect.</p>
${report.items.map(itemHtml).join("\n")}
</body></html>
`;
}

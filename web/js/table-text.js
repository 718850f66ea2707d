/**
 * Table rows in passage and answer text: a line "A | B | C" is one row of a
 * table (ingest writes table rows that way). Runs of such lines render as a
 * <table>; everything else stays text. Pure splitting is separate from the
 * DOM so it can be tested on its own. All text goes through textContent.
 */
import { renderHighlighted } from "./highlight.js";

const CELL_SEPARATOR = " | ";

/** @param {string} line */
export function isTableLine(line) {
  return line.includes(CELL_SEPARATOR) && line.split(CELL_SEPARATOR).every((cell) => cell.trim() !== "");
}

/**
 * Splits text into runs of text and of table rows, with offsets into `text`.
 * @param {string} text
 * @returns {Array<{type: "text", start: number, end: number} | {type: "table", rows: Array<Array<{start: number, end: number}>>}>}
 */
function splitTableRuns(text) {
  /** @type {any[]} */
  const runs = [];
  let offset = 0;
  /** @type {any} */
  let current = null;
  for (const line of text.split("\n")) {
    const start = offset;
    const end = offset + line.length;
    offset = end + 1;
    if (isTableLine(line)) {
      if (current?.type !== "table") {
        current = { type: "table", rows: [] };
        runs.push(current);
      }
      /** @type {Array<{start: number, end: number}>} */
      const cells = [];
      let at = start;
      for (const cell of line.split(CELL_SEPARATOR)) {
        cells.push({ start: at, end: at + cell.length });
        at += cell.length + CELL_SEPARATOR.length;
      }
      current.rows.push(cells);
    } else {
      // The newline before a text line belongs to the text, so line breaks survive.
      if (current && current.type === "text") current.end = end;
      else {
        current = { type: "text", start: runs.length === 0 ? start : Math.max(0, start - 1), end };
        runs.push(current);
      }
    }
  }
  return runs;
}

/**
 * Ranges clipped to [start, end) and shifted to start at 0.
 * @param {Array<[number, number]>} ranges @param {number} start @param {number} end
 * @returns {Array<[number, number]>}
 */
function clip(ranges, start, end) {
  /** @type {Array<[number, number]>} */
  const out = [];
  for (const [a, b] of ranges) {
    const s = Math.max(a, start);
    const e = Math.min(b, end);
    if (e > s) out.push([s - start, e - start]);
  }
  return out;
}

/**
 * Text with highlighted ranges, table rows as a table.
 * @param {string} text
 * @param {Array<[number, number]>} [ranges]
 * @returns {DocumentFragment}
 */
export function renderTextWithTables(text, ranges = []) {
  const fragment = document.createDocumentFragment();
  for (const run of splitTableRuns(text)) {
    if (run.type === "text") {
      fragment.append(renderHighlighted(text.slice(run.start, run.end), clip(ranges, run.start, run.end)));
      continue;
    }
    const table = document.createElement("table");
    table.className = "text-table";
    const body = document.createElement("tbody");
    for (const row of run.rows) {
      const tr = document.createElement("tr");
      for (const cell of row) {
        const td = document.createElement("td");
        td.append(renderHighlighted(text.slice(cell.start, cell.end), clip(ranges, cell.start, cell.end)));
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    // A wide table scrolls inside its own box, never the page.
    const wrap = document.createElement("div");
    wrap.className = "text-table-wrap";
    wrap.append(table);
    fragment.append(wrap);
  }
  return fragment;
}

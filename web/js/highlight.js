/**
 * Finds a cited quote inside a passage and wraps it in <mark>, using text
 * nodes only. The quote should be verbatim, but PDF text often differs in
 * whitespace, dashes or quote marks, so matching falls back to a normalised
 * comparison that still maps back to exact character offsets.
 */

/**
 * Normalises text for matching and remembers where each output character came from.
 * @param {string} text
 * @returns {{norm: string, map: number[]}}
 */
function normalizeWithMap(text) {
  let norm = "";
  /** @type {number[]} */
  const map = [];
  let pendingSpace = -1;
  for (let i = 0; i < text.length; i++) {
    let ch = /** @type {string} */ (text[i]);
    if (ch === "\u00ad") continue; // soft hyphen
    if (/\s/.test(ch)) {
      if (pendingSpace === -1) pendingSpace = i;
      continue;
    }
    if (pendingSpace !== -1) {
      if (norm !== "") {
        norm += " ";
        map.push(pendingSpace);
      }
      pendingSpace = -1;
    }
    if (/[‘’‚′]/.test(ch)) ch = "'";
    else if (/[“”„″«»]/.test(ch)) ch = '"';
    else if (/[‐‑‒–—]/.test(ch)) ch = "-";
    const lower = ch.toLowerCase();
    // Keep a 1:1 mapping even if lower-casing changes the length.
    norm += lower.length === 1 ? lower : ch;
    map.push(i);
  }
  return { norm, map };
}

/**
 * Merges overlapping or touching ranges.
 * @param {Array<[number, number]>} ranges
 * @returns {Array<[number, number]>}
 */
function mergeRanges(ranges) {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  /** @type {Array<[number, number]>} */
  const out = [];
  for (const range of sorted) {
    const prev = out[out.length - 1];
    if (prev && range[0] <= prev[1]) prev[1] = Math.max(prev[1], range[1]);
    else out.push([range[0], range[1]]);
  }
  return out;
}

/**
 * Character ranges [start, end) of `quote` within `text`; empty when not found.
 * Tries an exact match, then a normalised one, then sentence by sentence
 * (quotes may join sentences with "…").
 * @param {string} text
 * @param {string} quote
 * @returns {Array<[number, number]>}
 */
export function findQuoteRanges(text, quote) {
  const trimmed = (quote ?? "").trim();
  if (trimmed === "" || !text) return [];
  const exact = text.indexOf(trimmed);
  if (exact !== -1) return [[exact, exact + trimmed.length]];

  const haystack = normalizeWithMap(text);
  /** @param {string} part @returns {[number, number] | null} */
  const locate = (part) => {
    const needle = normalizeWithMap(part).norm;
    if (needle === "") return null;
    const at = haystack.norm.indexOf(needle);
    if (at === -1) return null;
    const start = /** @type {number} */ (haystack.map[at]);
    const end = /** @type {number} */ (haystack.map[at + needle.length - 1]) + 1;
    return [start, end];
  };

  const whole = locate(trimmed);
  if (whole) return [whole];

  /** @type {Array<[number, number]>} */
  const ranges = [];
  for (const part of trimmed.split(/…|\.{3}|(?<=[.!?])\s+/)) {
    if (part.trim().length < 12) continue; // short fragments match by accident
    const found = locate(part.trim());
    if (found) ranges.push(found);
  }
  return mergeRanges(ranges);
}

/**
 * Builds a fragment of text nodes with <mark> around the given ranges.
 * @param {string} text
 * @param {Array<[number, number]>} ranges sorted, non-overlapping
 * @returns {DocumentFragment}
 */
export function renderHighlighted(text, ranges) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const [start, end] of ranges) {
    if (start > last) fragment.append(document.createTextNode(text.slice(last, start)));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    fragment.append(mark);
    last = end;
  }
  if (last < text.length) fragment.append(document.createTextNode(text.slice(last)));
  return fragment;
}

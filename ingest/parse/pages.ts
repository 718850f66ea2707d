/**
 * Page markers in text converted from PDF: "1/3", "2/3" (or "Sida 2 av 3") on
 * a line of their own. Botkyrka's routine library has them in 590 of 1,143
 * files, heading each page (the first marker is "1/m" in nine files of ten and
 * the text after the last one is the longest stretch), so a marker "n/m"
 * starts page n and the text before the first marker lies on the page before
 * it (page 1 at the least). The markers become the blocks' page numbers and
 * leave the text; a set of markers that does not read as one document's
 * page count (totals differ, numbers go backwards or beyond the total) is
 * not used, and such lines are dropped as before, as page-number debris.
 */

import type { Block } from "../../src/core/schemas.js";
import { endsMidSentence, joinWrapped, startsLowerCase } from "./line-rules.js";

const SLASH_RE = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/;
const SIDA_RE = /^\s*sida\s+(\d{1,3})\s+av\s+(\d{1,3})\s*$/i;

export interface PageSegment {
  /** Page of the segment's text, or null when the document has no usable markers. */
  page: number | null;
  text: string;
}

function marker(line: string): { n: number; m: number } | null {
  const match = SLASH_RE.exec(line) ?? SIDA_RE.exec(line);
  if (!match) return null;
  const n = Number(match[1]);
  const m = Number(match[2]);
  return n >= 1 && n <= m ? { n, m } : null;
}

/**
 * Splits text at its page-marker lines. Returns the page segments (in order,
 * marker lines removed) and the page count, or one segment with page null
 * when the markers are not a consistent page sequence.
 */
export function splitPages(text: string): { segments: PageSegment[]; pages: number | null } {
  const lines = text.split("\n");
  const found = lines.map((line, i) => ({ i, at: marker(line) })).filter((x): x is { i: number; at: { n: number; m: number } } => x.at !== null);
  const total = found[0]?.at.m;
  const consistent =
    found.length > 0 && total !== undefined && total >= 2 && found.every((f, k) => f.at.m === total && (k === 0 || f.at.n > found[k - 1]!.at.n));
  if (!consistent) return { segments: [{ page: null, text }], pages: null };
  const segments: PageSegment[] = [];
  let start = 0;
  let page = Math.max(1, found[0]!.at.n - 1);
  for (const f of found) {
    segments.push({ page, text: lines.slice(start, f.i).join("\n") });
    start = f.i + 1;
    page = f.at.n;
  }
  segments.push({ page, text: lines.slice(start).join("\n") });
  return { segments: segments.filter((s) => s.text.trim() !== ""), pages: total };
}

/**
 * Gives the blocks from `from` on the page `page`; a paragraph that a page
 * break cut in two (the part before stops mid-sentence, the part after
 * starts in lower case) is joined back and keeps the page it started on.
 */
export function placeOnPage(blocks: Block[], from: number, page: number | null): void {
  for (let k = from; k < blocks.length; k++) blocks[k]!.page = page;
  const before = blocks[from - 1];
  const after = blocks[from];
  if (!before || !after || after.kind !== "paragraph" || (before.kind !== "paragraph" && before.kind !== "list-item")) return;
  if (endsMidSentence(before.text) && startsLowerCase(after.text)) {
    before.text = joinWrapped(before.text, after.text);
    blocks.splice(from, 1);
  }
}

/**
 * Table rows as text: cells joined by " | " (the form chunks, the chat and the
 * source view read as a table row). Converted Word and PDF tables repeat a
 * merged cell once per column it spans ("Datum: | Datum: | Datum:") and leave
 * empty cells; the repeats and the empties go, so a row reads as what a
 * person sees. A letterhead footer laid out as a table (address, org.nr,
 * bankgiro) is not content and is dropped.
 */
import { collapseWhitespace } from "./line-rules.js";

const LETTERHEAD_RE = /\borg\.?\s?nr\b|\bbankgiro\b|\borganisationsnummer\b/i;

/** The row's text, or null when nothing is left (an empty row, a letterhead footer). */
export function tableRowText(cells: readonly string[]): string | null {
  const kept: string[] = [];
  for (const raw of cells) {
    const cell = collapseWhitespace(raw);
    if (cell === "" || cell === kept[kept.length - 1]) continue;
    kept.push(cell);
  }
  if (kept.length === 0) return null;
  const text = kept.join(" | ");
  return LETTERHEAD_RE.test(text) && kept.length >= 3 ? null : text;
}

/**
 * Sections → chunks. A chunk is a contiguous slice of the document text, so a
 * citation quote found in a chunk is also verbatim in the document. Chunks
 * start at headings, keep a numbered procedure together, and ids derive from
 * the document id, the heading path and the position under that heading, so
 * re-ingesting an unchanged document yields the same ids.
 */
import type { Chunk, ParsedDocument, Section } from "../src/core/schemas.js";
import { stableId } from "../src/core/ids.js";
import { tuning } from "../src/config/tuning.js";

export interface ChunkOptions {
  targetChars: number;
  maxChars: number;
  maxProcedureChars: number;
  minChars: number;
}

/** Split a parsed document into chunks. */
export function chunkDocument(doc: ParsedDocument, options: ChunkOptions = tuning.chunking): Chunk[] {
  const groups = groupSections(doc.sections, options);
  const counters = new Map<string, number>();
  return groups.map((group) => {
    const first = group[0]!;
    const last = group[group.length - 1]!;
    const headingPath = first.headingPath;
    const pathKey = headingPath.join(" > ");
    const ordinal = counters.get(pathKey) ?? 0;
    counters.set(pathKey, ordinal + 1);
    return {
      id: `${doc.id}-${stableId(`${pathKey}#${ordinal}`, 10)}`,
      documentId: doc.id,
      source: doc.source,
      title: doc.title,
      headingPath,
      page: group.find((s) => s.page !== null)?.page ?? null,
      text: doc.text.slice(first.charStart, last.charEnd),
      charStart: first.charStart,
      charEnd: last.charEnd,
    };
  });
}

/** Sections that belong together: a run of numbered steps, or a table. */
function atoms(sections: Section[]): Section[][] {
  const out: Section[][] = [];
  for (const s of sections) {
    const prev = out[out.length - 1];
    const prevLast = prev?.[prev.length - 1];
    const continuesRun =
      prevLast !== undefined &&
      ((s.kind === "list-item" && prevLast.kind === "list-item" && s.ordered === true && prevLast.ordered === true) ||
        (s.kind === "table-row" && prevLast.kind === "table-row"));
    if (continuesRun) prev!.push(s);
    else out.push([s]);
  }
  return out;
}

function length(group: Section[]): number {
  return group.length === 0 ? 0 : group[group.length - 1]!.charEnd - group[0]!.charStart;
}

function groupSections(sections: Section[], o: ChunkOptions): Section[][] {
  const groups: Section[][] = [];
  let current: Section[] = [];
  const flush = () => {
    if (current.length > 0) groups.push(current);
    current = [];
  };

  for (const atom of atoms(splitLongSections(sections, o.maxChars, o.targetChars))) {
    const head = atom[0]!;
    const isProcedure = atom.length > 1;
    const atomLen = length(atom);
    const currentLen = length(current);

    if (head.kind === "heading") {
      // A heading starts a new chunk, unless the current chunk is still tiny and this heading sits below it.
      const curHead = current[0];
      const nested =
        curHead !== undefined &&
        head.headingPath.length > curHead.headingPath.length &&
        curHead.headingPath.every((h, i) => head.headingPath[i] === h);
      const onlyHeadings = current.every((s) => s.kind === "heading");
      if (!(nested && (currentLen < o.minChars || onlyHeadings))) flush();
      current.push(head);
      continue;
    }

    const combined = currentLen === 0 ? atomLen : atom[atom.length - 1]!.charEnd - current[0]!.charStart;
    const limit = isProcedure ? Math.max(o.maxChars, o.maxProcedureChars) : o.maxChars;
    if (combined <= limit || current.every((s) => s.kind === "heading") && combined <= limit + o.targetChars) {
      current.push(...atom);
      if (length(current) >= o.targetChars && !isProcedure) flush();
      continue;
    }
    if (isProcedure && atomLen > o.maxProcedureChars) {
      // An over-long procedure is split between steps, each part under the heading it belongs to.
      for (const step of atom) {
        if (length(current) > 0 && step.charEnd - current[0]!.charStart > o.maxChars) flush();
        current.push(step);
      }
      continue;
    }
    flush();
    current.push(...atom);
    if (length(current) >= o.targetChars) flush();
  }
  flush();
  return groups;
}

/**
 * A single block longer than `maxChars` (a wall of text without paragraphs) is
 * cut at sentence ends so no chunk becomes a whole page.
 */
function splitLongSections(sections: Section[], maxChars: number, targetChars: number): Section[] {
  const out: Section[] = [];
  for (const s of sections) {
    if (s.text.length <= maxChars) {
      out.push(s);
      continue;
    }
    let start = 0;
    while (s.text.length - start > maxChars) {
      const window = s.text.slice(start, start + maxChars);
      let cut = -1;
      for (const m of window.matchAll(/[.!?:;](?=\s+\S)/g)) {
        if (m.index! + 1 >= targetChars * 0.5) cut = m.index! + 1;
      }
      if (cut <= 0) cut = window.lastIndexOf(" ") > 0 ? window.lastIndexOf(" ") : maxChars;
      const piece = s.text.slice(start, start + cut);
      out.push({ ...s, text: piece, charStart: s.charStart + start, charEnd: s.charStart + start + piece.length });
      start += cut;
      while (start < s.text.length && /\s/.test(s.text[start]!)) start++;
    }
    out.push({ ...s, text: s.text.slice(start), charStart: s.charStart + start, charEnd: s.charEnd });
  }
  return out;
}

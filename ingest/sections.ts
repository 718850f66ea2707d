/**
 * Blocks → the document's extracted text plus sections with heading paths and
 * character offsets. Everything downstream (chunks, citations, the source view)
 * points into the text built here, so it is the single source of offsets.
 */
import type { Block, Section } from "../src/core/schemas.js";

const LIST_KINDS = new Set<Block["kind"]>(["list-item", "table-row"]);

/** Lay out blocks as text: list items and table rows one per line, other blocks separated by a blank line. */
export function buildSections(blocks: Block[]): { text: string; sections: Section[] } {
  const sections: Section[] = [];
  const headingStack: { level: number; text: string }[] = [];
  let text = "";
  let prev: Block | undefined;

  for (const block of blocks) {
    const content = block.text.replace(/\s+/g, " ").trim();
    if (content === "") continue;
    if (block.kind === "heading") {
      const level = block.level ?? 1;
      while (headingStack.length > 0 && headingStack[headingStack.length - 1]!.level >= level) headingStack.pop();
      headingStack.push({ level, text: content });
    }
    const sameRun = prev !== undefined && LIST_KINDS.has(block.kind) && prev.kind === block.kind;
    if (text.length > 0) text += sameRun ? "\n" : "\n\n";
    const charStart = text.length;
    text += content;
    sections.push({
      kind: block.kind,
      ...(block.ordered !== undefined ? { ordered: block.ordered } : {}),
      headingPath: headingStack.map((h) => h.text),
      page: block.page,
      text: content,
      charStart,
      charEnd: text.length,
    });
    prev = block;
  }
  return { text, sections };
}

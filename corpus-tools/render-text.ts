/**
 * Renders a source document as a plain-text office document: underlined
 * headings, numbered steps and space-aligned tables, as staff write them in
 * Notepad. The cp1252 variant uses CRLF and single-byte åäö, like a file saved
 * on an older Windows machine.
 */
import { encodeCp1252 } from "./cp1252.js";
import type { SourceBlock, SourceDocument } from "./source-format.js";

/** Returns the document as text lines joined with "\n". */
function renderTextString(source: SourceDocument): string {
  const out: string[] = [];
  for (const block of source.blocks) out.push(...renderBlock(block), "");
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}

/** Encodes the rendered text per the source's `encoding` (UTF-8 by default). */
export function renderText(source: SourceDocument): Buffer {
  const text = renderTextString(source);
  return source.meta.encoding === "cp1252" ? encodeCp1252(text.replace(/\n/g, "\r\n")) : Buffer.from(text, "utf8");
}

function renderBlock(block: SourceBlock): string[] {
  switch (block.kind) {
    case "heading": {
      const text = block.level === 1 ? block.text.toUpperCase() : block.text;
      const rule = block.level === 1 ? "=" : block.level === 2 ? "-" : "";
      return rule ? [text, rule.repeat(text.length)] : [text];
    }
    case "paragraph":
      return [block.text];
    case "ordered":
      return block.items.map((item, i) => `${i + 1}. ${item}`);
    case "bullets":
      return block.items.map((item) => `- ${item}`);
    case "table": {
      const rows = [block.header, ...block.rows];
      const widths = block.header.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
      const line = (r: string[]) => widths.map((w, c) => (r[c] ?? "").padEnd(w)).join("  ").trimEnd();
      return [line(block.header), widths.map((w) => "-".repeat(w)).join("  "), ...block.rows.map(line)];
    }
  }
}

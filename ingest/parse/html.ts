/**
 * HTML parser, also used for DOCX (mammoth turns Word into HTML). Walks the
 * DOM in reading order and emits one block per heading, paragraph, list item
 * and table row; page chrome (nav, header, footer, scripts) is dropped.
 */
import * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import type { Block, ParsedFile } from "../../src/core/schemas.js";
import { collapseWhitespace } from "./line-rules.js";
import { decodeText } from "./text.js";
import { ParseError } from "./errors.js";

/** Elements whose content is never document text. */
const DROPPED_SELECTOR = "script, style, nav, header, footer, aside, noscript, form, template, iframe, svg, button, select, dialog";

const HEADING_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
/** Tags whose content flows inside a line; everything else starts a new block. */
const INLINE_TAGS = new Set([
  "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp",
  "small", "span", "strong", "sub", "sup", "time", "u", "var", "del", "ins", "label", "font", "wbr", "img",
]);

function isElement(node: AnyNode): node is Element {
  return node.type === "tag" || node.type === "script" || node.type === "style";
}

/** Text of a node; `<br>` and block boundaries become spaces so words never glue together. */
function inlineText(node: AnyNode): string {
  if (node.type === "text") return (node as unknown as { data: string }).data;
  if (!isElement(node)) return "";
  if (node.name === "br") return " ";
  const inner = node.children.map(inlineText).join("");
  return INLINE_TAGS.has(node.name) ? inner : ` ${inner} `;
}

/** Walks a subtree and appends blocks in reading order. */
class BlockCollector {
  readonly blocks: Block[] = [];
  private pending = "";

  /** Text collected from loose inline content (e.g. text directly inside a div). */
  private flush(): void {
    const text = collapseWhitespace(this.pending);
    if (text.length > 0) this.blocks.push({ kind: "paragraph", text, page: null });
    this.pending = "";
  }

  private push(block: Block): void {
    this.flush();
    if (block.text.length > 0) this.blocks.push(block);
  }

  walkChildren(node: Element): void {
    for (const child of node.children) this.walk(child);
  }

  finish(): Block[] {
    this.flush();
    return this.blocks;
  }

  walk(node: AnyNode): void {
    if (node.type === "text") {
      this.pending += (node as unknown as { data: string }).data;
      return;
    }
    if (!isElement(node)) return;
    const name = node.name;
    if (name === "br") {
      this.pending += " ";
      return;
    }
    if (INLINE_TAGS.has(name)) {
      this.pending += inlineText(node);
      return;
    }
    if (HEADING_TAGS.has(name)) {
      this.push({ kind: "heading", level: Number(name.slice(1)), text: collapseWhitespace(inlineText(node)), page: null });
      return;
    }
    if (name === "p" || name === "pre" || name === "dt" || name === "dd" || name === "caption" || name === "figcaption") {
      this.push({ kind: "paragraph", text: collapseWhitespace(inlineText(node)), page: null });
      return;
    }
    if (name === "ol" || name === "ul") {
      this.flush();
      this.walkList(node);
      return;
    }
    if (name === "tr") {
      const cells = node.children
        .filter((c): c is Element => isElement(c) && (c.name === "td" || c.name === "th"))
        .map((c) => collapseWhitespace(inlineText(c)))
        .filter((text) => text.length > 0);
      this.push({ kind: "table-row", text: cells.join(" | "), page: null });
      return;
    }
    // Containers (div, section, table, blockquote, li outside lists …): loose text becomes its own paragraph.
    this.flush();
    this.walkChildren(node);
    this.flush();
  }

  /** Emits list items; ordered items carry their visible number ("2. …"). */
  private walkList(list: Element): void {
    const ordered = list.name === "ol";
    const start = Number.parseInt(list.attribs["start"] ?? "1", 10);
    let number = Number.isFinite(start) ? start : 1;
    for (const child of list.children) {
      if (!isElement(child)) continue;
      if (child.name !== "li") {
        this.walk(child);
        continue;
      }
      const nested = child.children.filter((c) => isElement(c) && (c.name === "ol" || c.name === "ul"));
      const own = collapseWhitespace(child.children.filter((c) => !nested.includes(c)).map(inlineText).join(""));
      if (own.length > 0) {
        this.push({ kind: "list-item", ordered, text: ordered ? `${number}. ${own}` : own, page: null });
      }
      number++;
      for (const sub of nested) this.walk(sub);
    }
  }
}

/** Result of turning HTML into blocks. */
export interface HtmlBlocks {
  blocks: Block[];
  /** Text of <title>, if any. */
  documentTitle: string | null;
}

/**
 * Extracts blocks from an HTML string: drops page chrome, prefers <main> or
 * <article> when present, and walks the rest in reading order.
 */
export function htmlToBlocks(html: string): HtmlBlocks {
  const $ = cheerio.load(html);
  const documentTitle = collapseWhitespace($("head > title").first().text()) || null;
  $(DROPPED_SELECTOR).remove();
  const main = $("main").first();
  const roots = main.length > 0 ? main.toArray() : $("article").length > 0 ? $("article").toArray() : $("body").toArray();
  const collector = new BlockCollector();
  const rootNodes = roots.length > 0 ? roots : $.root().toArray();
  for (const root of rootNodes) {
    if (isElement(root)) collector.walkChildren(root);
    else collector.walk(root);
  }
  return { blocks: collector.finish(), documentTitle };
}

/** Parses an HTML file (UTF-8, or Windows-1252 as fallback). */
export async function parseHtml(bytes: Uint8Array, fileName: string): Promise<ParsedFile> {
  const { text, encoding } = decodeText(bytes, fileName);
  const { blocks, documentTitle } = htmlToBlocks(text.replace(/^\uFEFF/, ""));
  const warnings: string[] = [];
  if (encoding === "windows-1252") warnings.push("Filen tolkades som Windows-1252 eftersom den inte är giltig UTF-8.");
  if (blocks.length === 0) {
    if (text.trim().length === 0) throw new ParseError("empty-file", fileName, `Filen ${fileName} är tom.`);
    warnings.push("Sidan innehåller ingen text utanför navigering och sidhuvud.");
  }
  // The first h1 is the routine's own name; <title> often carries a site suffix.
  const h1 = blocks.find((b) => b.kind === "heading" && b.level === 1);
  return { title: h1?.text ?? documentTitle, format: "html", pages: null, blocks, warnings, metadata: {} };
}

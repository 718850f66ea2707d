/**
 * Markdown parser: YAML front matter becomes metadata, marked's lexer gives the
 * structure, and inline syntax (links, emphasis, code) is reduced to the text
 * a reader sees when the file is rendered.
 */
import { Lexer, type Token, type Tokens } from "marked";
import { parse as parseYaml } from "yaml";
import type { Block, DocumentMetadata, ParsedFile } from "../../src/core/schemas.js";
import { ParseError } from "./errors.js";
import { htmlToBlocks } from "./html.js";
import { collapseWhitespace, finalizeBlocks, isShortHeadingCandidate, isTocEntry, numberedHeadingDepth, numberedTitleNumber } from "./line-rules.js";
import { normalizeMetadata } from "./metadata.js";
import { placeOnPage, splitPages } from "./pages.js";
import { tableRowText } from "./tables.js";
import { decodeText, isPageNumberLine, textToBlocks } from "./text.js";

const FRONT_MATTER_RE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** Splits off YAML front matter. Returns the raw YAML (or null) and the Markdown body. */
export function splitFrontMatter(source: string): { yaml: string | null; body: string } {
  const match = FRONT_MATTER_RE.exec(source);
  if (!match) return { yaml: null, body: source };
  return { yaml: match[1] ?? "", body: source.slice(match[0].length) };
}

/** Plain text of inline tokens: links keep their text, emphasis and code marks disappear. */
function inlineText(tokens: Token[] | undefined, fallback = ""): string {
  if (!tokens) return fallback;
  return tokens
    .map((token): string => {
      switch (token.type) {
        case "br":
          return " ";
        case "image":
          return (token as Tokens.Image).text;
        case "html":
          return "";
        case "codespan":
          return decodeEntities((token as Tokens.Codespan).text);
        case "escape":
          return (token as Tokens.Escape).text;
        default: {
          const nested = (token as { tokens?: Token[] }).tokens;
          if (nested && nested.length > 0) return inlineText(nested);
          return decodeEntities((token as { text?: string }).text ?? token.raw);
        }
      }
    })
    .join("");
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Heading levels seen so far, for placing headings inferred from plain lines. */
interface Context {
  out: Block[];
  /** Level of the document's leading "# Title", or 0 when there is none. */
  titleLevel: number;
  /** Level of the latest heading written with Markdown syntax. */
  lastExplicitLevel: number;
  /** False while re-reading the rest of a paragraph whose first line became a heading. */
  inferHeadings: boolean;
}

/** A paragraph that is only an image file name ("image2.png"), left by a converter. */
function isImageFileName(text: string): boolean {
  return /^[\w.-]+\.(png|jpe?g|gif|emf|wmf|svg|bmp|tiff?)$/i.test(text);
}

/** A line that is a Markdown table row: starts and ends with a pipe. */
const PIPE_ROW_RE = /^\s*\|.*\|\s*$/;

/** Cells of "| A | B |" ("\\|" is a literal pipe); a separator row ("|---|:--|") has none. */
function pipeCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  const cells = inner.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, "|"));
  return cells.every((c) => /^\s*:?-{2,}:?\s*$/.test(c) || c.trim() === "") ? [] : cells;
}

const BULLET_OR_STEP_LINE_RE = /^\s*([·•▪◦●\-–*]\s+|\d{1,2}[.)]\s+)\S/;

/**
 * Paragraphs in Markdown converted from PDF or Word often hide structure in
 * plain lines: a heading on the first line ("Syfte" + body, "2.1 Ansvar" + body),
 * a table of contents, tab-separated tables, "·" bullets. Those are split with
 * the plain-text rules; ordinary wrapped paragraphs are joined into one block.
 */
function paragraphBlocks(token: Tokens.Paragraph, ctx: Context): void {
  const lines = token.raw.split("\n").filter((l) => l.trim().length > 0);
  // "| A | B |" lines outside a table (a converter wrote each row as its own paragraph) are table rows.
  if (lines.length > 0 && lines.every((l) => PIPE_ROW_RE.test(l))) {
    for (const line of lines) {
      const text = tableRowText(pipeCells(line));
      if (text !== null) ctx.out.push({ kind: "table-row", text, page: null });
    }
    return;
  }
  const first = lines[0]?.trim() ?? "";
  const second = lines[1]?.trim();
  if (ctx.inferHeadings && second !== undefined && !isTocEntry(first) && /^[A-ZÅÄÖÉÜ0-9"”«·•]/.test(second)) {
    const depth = numberedHeadingDepth(first);
    if (depth !== null || (isShortHeadingCandidate(first, 60) && !/[|:?]/.test(first))) {
      const level = depth !== null ? ctx.titleLevel + depth : ctx.lastExplicitLevel + 1;
      ctx.out.push({ kind: "heading", level: Math.min(6, Math.max(1, level)), text: collapseWhitespace(first), page: null });
      ctx.inferHeadings = false;
      for (const inner of new Lexer({ gfm: true }).lex(lines.slice(1).join("\n"))) tokenBlocks(inner, ctx);
      ctx.inferHeadings = true;
      return;
    }
  }
  const structured =
    lines.some((l) => /\S\t+\S/.test(l.trim())) ||
    lines.filter((l) => isTocEntry(l)).length >= 2 ||
    lines.slice(1).some((l) => BULLET_OR_STEP_LINE_RE.test(l));
  if (structured) {
    const blocks = finalizeBlocks(textToBlocks(lines.join("\n")));
    ctx.out.push(...blocks.map((b): Block => (b.kind === "heading" ? { kind: "paragraph", text: b.text, page: null } : b)));
    return;
  }
  const text = collapseWhitespace(inlineText(token.tokens, token.text));
  if (text.length === 0 || isPageNumberLine(text) || isImageFileName(text)) return;
  ctx.out.push({ kind: "paragraph", text, page: null });
}

/**
 * "2. Avgiftsunderlag" on a line of its own, or followed directly by body
 * text, is lexed as an ordered list; in documents converted from Word it is a
 * numbered chapter heading. Read as chapters: a one-item list whose line is a
 * title, or a list of titles with body text under at least one. Real steps
 * come two or more at a time and read as sentences or have no body.
 */
function chapterHeadings(list: Tokens.List, ctx: Context): boolean {
  if (!list.ordered || !ctx.inferHeadings) return false;
  const items = list.items.map((item) => {
    const [first = "", ...rest] = item.raw.replace(/\n+$/, "").split("\n");
    const body = rest.join("\n");
    const title = numberedTitleNumber(first) !== null && (body.trim() === "" || /^[A-ZÅÄÖÉÜ"”«·•(]/.test(body.trimStart()));
    return { first, body, title };
  });
  const chapters = items.length === 1 ? items[0]!.title : items.every((i) => i.title) && items.some((i) => i.body.trim() !== "");
  if (!chapters) return false;
  for (const item of items) {
    ctx.out.push({ kind: "heading", level: Math.min(6, ctx.titleLevel + 1), text: collapseWhitespace(item.first), page: null });
    ctx.lastExplicitLevel = ctx.titleLevel + 1;
    for (const inner of new Lexer({ gfm: true }).lex(item.body)) tokenBlocks(inner, ctx);
  }
  return true;
}

function listBlocks(list: Tokens.List, ctx: Context): void {
  if (chapterHeadings(list, ctx)) return;
  const start = typeof list.start === "number" ? list.start : 1;
  list.items.forEach((item, index) => {
    const own: string[] = [];
    const nested: Token[] = [];
    for (const token of item.tokens) {
      if (token.type === "list" || token.type === "table" || token.type === "code" || token.type === "blockquote") nested.push(token);
      else own.push(inlineText((token as { tokens?: Token[] }).tokens, (token as { text?: string }).text ?? ""));
    }
    const text = collapseWhitespace(own.join(" "));
    if (text.length > 0) {
      ctx.out.push({ kind: "list-item", ordered: list.ordered, text: list.ordered ? `${start + index}. ${text}` : text, page: null });
    }
    for (const token of nested) tokenBlocks(token, ctx);
  });
}

function tokenBlocks(token: Token, ctx: Context): void {
  const out = ctx.out;
  switch (token.type) {
    case "heading": {
      const heading = token as Tokens.Heading;
      const text = collapseWhitespace(inlineText(heading.tokens, heading.text));
      if (text.length === 0) return;
      // "Text\n-" is a setext heading to CommonMark, but a lone dash under a line is a converter's bullet.
      if (/\n[ \t]*-{1,2}[ \t]*\n?$/.test(heading.raw)) {
        out.push({ kind: "list-item", ordered: false, text, page: null });
        return;
      }
      if (out.length === 0) ctx.titleLevel = heading.depth;
      ctx.lastExplicitLevel = heading.depth;
      out.push({ kind: "heading", level: heading.depth, text, page: null });
      return;
    }
    case "paragraph":
      paragraphBlocks(token as Tokens.Paragraph, ctx);
      return;
    case "text": {
      const text = collapseWhitespace(inlineText((token as Tokens.Text).tokens, (token as Tokens.Text).text));
      if (text.length > 0) out.push({ kind: "paragraph", text, page: null });
      return;
    }
    case "list":
      listBlocks(token as Tokens.List, ctx);
      return;
    case "table": {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]): string | null => tableRowText(cells.map((c) => inlineText(c.tokens, c.text)));
      for (const cells of [table.header, ...table.rows]) {
        const text = row(cells);
        if (text !== null) out.push({ kind: "table-row", text, page: null });
      }
      return;
    }
    case "code": {
      const text = collapseWhitespace((token as Tokens.Code).text);
      if (text.length > 0) out.push({ kind: "paragraph", text, page: null });
      return;
    }
    case "blockquote":
      for (const inner of (token as Tokens.Blockquote).tokens) tokenBlocks(inner, ctx);
      return;
    case "html":
      out.push(...htmlToBlocks((token as Tokens.HTML).text).blocks);
      return;
    default:
      // space, hr, def: no text of their own.
      return;
  }
}

const TOC_TITLE_RE = /^\s*(innehåll|innehållsförteckning|innehållsförteckning:)\s*$/i;

/**
 * Removes a table of contents (three or more "2.1 Ansvar\t4" lines, blank lines
 * between them allowed) and its "Innehållsförteckning" title. It repeats the
 * headings with page numbers, and would otherwise be lexed as a list and
 * cited instead of the section it points to.
 */
function dropTableOfContents(body: string): string {
  const lines = body.split("\n");
  const drop = new Set<number>();
  let i = 0;
  while (i < lines.length) {
    if (!isTocEntry(lines[i]!)) {
      i++;
      continue;
    }
    const run: number[] = [];
    let j = i;
    while (j < lines.length && (isTocEntry(lines[j]!) || lines[j]!.trim() === "")) {
      if (lines[j]!.trim() !== "") run.push(j);
      j++;
    }
    if (run.length >= 3) {
      for (const k of run) drop.add(k);
      let t = i - 1;
      while (t >= 0 && lines[t]!.trim() === "") t--;
      if (t >= 0 && TOC_TITLE_RE.test(lines[t]!)) drop.add(t);
    }
    i = j;
  }
  return drop.size === 0 ? body : lines.filter((_, k) => !drop.has(k)).join("\n");
}

/** Turns a Markdown body (without front matter) into blocks. */
export function markdownToBlocks(body: string): Block[] {
  return markdownPages(body).blocks;
}

/**
 * Blocks with page numbers from the converted PDF's "n/m" page markers
 * (ingest/parse/pages.ts); each page is lexed on its own so a marker never
 * lands inside a paragraph, and a paragraph the page break cut is joined back.
 */
export function markdownPages(body: string): { blocks: Block[]; pages: number | null } {
  const ctx: Context = { out: [], titleLevel: 0, lastExplicitLevel: 1, inferHeadings: true };
  const { segments, pages } = splitPages(dropTableOfContents(body));
  for (const segment of segments) {
    const from = ctx.out.length;
    for (const token of new Lexer({ gfm: true }).lex(segment.text)) tokenBlocks(token, ctx);
    if (pages !== null) placeOnPage(ctx.out, from, segment.page);
  }
  return { blocks: ctx.out, pages };
}

/** Parses a Markdown file; front matter that cannot be read becomes a warning, not a failure. */
export async function parseMarkdown(bytes: Uint8Array, fileName: string): Promise<ParsedFile> {
  const { text, encoding } = decodeText(bytes, fileName);
  const source = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (source.trim().length === 0) throw new ParseError("empty-file", fileName, `Filen ${fileName} är tom (innehåller bara blanksteg).`);
  const warnings: string[] = [];
  if (encoding === "windows-1252") warnings.push("Filen tolkades som Windows-1252 eftersom den inte är giltig UTF-8.");

  const { yaml, body } = splitFrontMatter(source);
  let metadata: DocumentMetadata = {};
  if (yaml !== null) {
    try {
      metadata = normalizeMetadata(parseYaml(yaml), `front matter i ${fileName}`);
    } catch (error) {
      const reason = error instanceof ParseError ? error.message : `YAML-fel: ${(error as Error).message.split("\n")[0]}`;
      warnings.push(`Metadata i dokumentets början (front matter) ignorerades. ${reason}`);
    }
  }
  const { blocks, pages } = markdownPages(body);
  if (blocks.length === 0) warnings.push("Dokumentet innehåller ingen text.");
  const firstHeading = blocks.find((b) => b.kind === "heading" && b.level === 1) ?? blocks.find((b) => b.kind === "heading");
  return { title: metadata.title ?? firstHeading?.text ?? null, format: "markdown", pages, blocks, warnings, metadata };
}

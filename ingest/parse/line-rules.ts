/**
 * Line-level heuristics shared by the parsers that only see lines of text
 * (plain text and PDF): what looks like a heading, a numbered step, a bullet,
 * a table row, and how wrapped lines are joined back together.
 */
import type { Block } from "../../src/core/schemas.js";

/** Collapses every run of whitespace (including NBSP and newlines) to one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** "1. Gör så här" / "2) Ring" – a numbered step. Group 1 is the number. */
export const ORDERED_ITEM_RE = /^(\d{1,2})[.)]\s+(?=\S)/;
/** A bullet glyph followed by text; the glyph is dropped from the block text. */
export const BULLET_RE = /^[•◦▪▫●○■□·‣⁃∙➢►\-–—*]\s+(?=\S)/;
/** "1 Syfte", "2.3 Ansvar", "2.3. Ansvar" – number parts of at most two digits, then a capital. */
const NUMBERED_HEADING_RE = /^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(?=[A-ZÅÄÖÉÜ])/;
/** Table-of-contents entry: text, then dot leaders or a tab, then a page number. */
const TOC_ENTRY_RE = /^\S.*?(?:\.{4,}|…{2,}|\t)\s*\d{1,3}\s*$/;
const SUPERSCRIPT_START_RE = /^[¹²³⁴⁵⁶⁷⁸⁹⁰]/;
const TERMINAL_PUNCTUATION_RE = /[.!?:;…]["”»)]?$/;

/** How a heading was recognised; levels are assigned once the whole document is seen. */
type HeadingHint =
  | { kind: "numbered"; depth: number }
  | { kind: "caps" }
  | { kind: "short" }
  | { kind: "explicit"; level: number };

/** A block under construction, with the evidence for its heading level. */
export interface DraftBlock extends Block {
  hint?: HeadingHint;
}

/** True when a line ends a sentence (so the next line may start a new block). */
export function endsSentence(line: string): boolean {
  return TERMINAL_PUNCTUATION_RE.test(line.trim());
}

/** Abbreviations whose final dot does not end a sentence ("resulterade bl.a." + "i en …"). */
const ABBREVIATION_END_RE = /(?:^|[\s(])(?:bl\.\s?a|t\.\s?ex|m\.\s?fl|m\.\s?m|s\.\s?k|p\.\s?g\.\s?a|t\.\s?o\.\s?m|fr\.\s?o\.\s?m|dvs|jfr|enl|ca|kap|resp|inkl|exkl|f\.\s?d|nr|s)\.$/i;

/** True when text stops mid-sentence: no final punctuation, or an abbreviation's dot. */
export function endsMidSentence(text: string): boolean {
  const trimmed = text.trim();
  return !endsSentence(trimmed) || ABBREVIATION_END_RE.test(trimmed);
}

/** True when the text starts with a lower-case letter, i.e. continues a sentence. */
export function startsLowerCase(text: string): boolean {
  return /^[a-zåäöéü]/.test(text.trim());
}

/** True for footnote text such as "³ Vi använder OECD (2023) …". */
export function isFootnote(text: string): boolean {
  return SUPERSCRIPT_START_RE.test(text.trim());
}

/** True for a table-of-contents line ("2.1 Ansvar ....... 4", "Förord\t2"). */
export function isTocEntry(line: string): boolean {
  return TOC_ENTRY_RE.test(line.trim());
}

/** The numbered-heading depth of a line ("2.3 Ansvar" → 2), or null. */
export function numberedHeadingDepth(line: string): number | null {
  const trimmed = line.trim();
  if (trimmed.length > 90 || /[.,;:]$/.test(trimmed) || trimmed.includes("\t")) return null;
  const match = NUMBERED_HEADING_RE.exec(trimmed);
  if (!match?.[1]) return null;
  const parts = match[1].split(".");
  // "1. Gör så här" is a step, not a heading; only multi-part numbers may end with a dot.
  if (parts.length === 1 && /^\d{1,2}[.)]/.test(trimmed)) return null;
  const words = trimmed.split(/\s+/).length;
  if (words > 12) return null;
  return parts.length;
}

/**
 * "4. Arbetsgång" can be a numbered chapter heading rather than a step. Returns
 * the number when the line has that shape (short, capitalised, no sentence
 * punctuation); callers decide from the neighbouring lines.
 */
export function numberedTitleNumber(line: string): number | null {
  const trimmed = line.trim();
  const match = /^(\d{1,2})\.\s+(?=[A-ZÅÄÖÉÜ])/.exec(trimmed);
  if (!match?.[1] || trimmed.length > 70 || /[.,;:]$/.test(trimmed) || trimmed.includes("\t")) return null;
  return Number(match[1]);
}

/** The number of an ordered item ("3. Gör" → 3), or null. */
export function orderedItemNumber(text: string): number | null {
  const match = ORDERED_ITEM_RE.exec(text.trim());
  return match?.[1] ? Number(match[1]) : null;
}

/** True for a short line written in capitals ("RUTIN FÖR TOLK"), a common title style. */
export function isAllCapsHeading(line: string): boolean {
  const trimmed = line.trim();
  const letters = trimmed.replace(/[^\p{L}]/gu, "");
  if (letters.length < 4 || trimmed.length > 80 || /[.,;]$/.test(trimmed)) return false;
  return letters === letters.toLocaleUpperCase("sv") && letters !== letters.toLocaleLowerCase("sv");
}

/** Words a heading never ends with; a line ending with one is the start of a wrapped sentence. */
const DANGLING_WORDS = new Set([
  "och", "eller", "samt", "att", "som", "till", "i", "på", "för", "med", "av", "om", "från", "vid", "under", "över",
  "den", "det", "de", "en", "ett", "är", "ska", "skall", "kan", "har", "inte", "så", "men", "där", "när", "hos", "mot", "utan",
]);

/**
 * True for a line that could be an unnumbered heading: short, starts with a
 * capital, no sentence punctuation at the end. Callers also check that body
 * text follows.
 */
export function isShortHeadingCandidate(line: string, maxLength = 80): boolean {
  const trimmed = line.trim();
  if (trimmed.length < 2 || trimmed.length > maxLength) return false;
  if (!/^[A-ZÅÄÖÉÜ]/.test(trimmed)) return false;
  if (/[.,;:!]$/.test(trimmed) || trimmed.includes("\t")) return false;
  if (/https?:|www\.|<|>/i.test(trimmed)) return false;
  const words = trimmed.split(/\s+/);
  if (DANGLING_WORDS.has((words[words.length - 1] ?? "").toLowerCase())) return false;
  return words.length <= 12;
}

/** True when a line reads like body text (long, or a finished sentence). */
export function looksLikeBody(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= 60 || endsSentence(trimmed) || ORDERED_ITEM_RE.test(trimmed) || BULLET_RE.test(trimmed);
}

/** Splits a tab-separated line into trimmed, non-empty cells. */
export function tabCells(line: string): string[] {
  return line
    .split(/\t+/)
    .map((cell) => collapseWhitespace(cell))
    .filter((cell) => cell.length > 0);
}

/** Common Swedish conjunctions after a hyphen: "barn- och ungdom" keeps its hyphen. */
const HYPHEN_KEEPERS = new Set(["och", "eller", "samt", "som", "till", "resp.", "respektive"]);

/**
 * Joins a wrapped line onto the text before it. A word split with a hyphen at
 * the line end ("social-" + "tjänsten") is glued back together when the next
 * line continues in lower case; "barn-" + "och" keeps the hyphen and a space.
 */
export function joinWrapped(previous: string, next: string): string {
  const left = previous.trimEnd();
  const right = next.trim();
  if (left.length === 0) return right;
  if (right.length === 0) return left;
  if (/\p{Ll}-$/u.test(left) && /^\p{Ll}/u.test(right)) {
    const firstWord = right.split(/\s+/)[0] ?? "";
    if (HYPHEN_KEEPERS.has(firstWord)) return `${left} ${right}`;
    return left.slice(0, -1) + right;
  }
  return `${left} ${right}`;
}

/**
 * Turns heading hints into levels. A leading unnumbered title gets level 1 and
 * pushes numbered headings one level down so "1 Syfte" nests under the title;
 * unnumbered headings sit at the top level until the first numbered heading,
 * and one level below the latest numbered heading after it.
 */
export function finalizeBlocks(drafts: DraftBlock[]): Block[] {
  const first = drafts[0];
  const hasNumbered = drafts.some((d) => d.hint?.kind === "numbered");
  const leadingTitle = first?.kind === "heading" && first.hint !== undefined && first.hint.kind !== "numbered";
  const offset = leadingTitle && hasNumbered ? 1 : 0;
  // Unnumbered headings after a numbered one ("Tabell 1: …") nest under it.
  let lastNumberedLevel: number | null = null;
  return drafts.map((draft, index) => {
    const { hint, ...block } = draft;
    if (block.kind !== "heading") return block;
    let level: number;
    if (hint?.kind === "explicit") level = hint.level;
    else if (hint?.kind === "numbered") {
      level = hint.depth + offset;
      lastNumberedLevel = level;
    } else if (index === 0) level = 1;
    else if (hint?.kind === "short" && lastNumberedLevel !== null) level = lastNumberedLevel + 1;
    else level = hasNumbered ? 1 + offset : leadingTitle ? 2 : 1;
    return { ...block, level: Math.min(6, Math.max(1, level)) };
  });
}

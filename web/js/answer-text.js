/**
 * Turns answer text into blocks of segments so citation markers such as
 * "[1]" or "[1, 2]" can be rendered as buttons. Pure: no DOM access.
 */

/**
 * @typedef {{type: "text", text: string, strong?: boolean} | {type: "cite", n: number}} Segment
 * @typedef {{type: "paragraph", lines: Segment[][]} | {type: "list", ordered: boolean, items: Segment[][]}} Block
 */

const MARKER = /\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\]/g;
const LIST_ITEM = /^\s*(?:([-*•–])|(\d{1,3})[.)])\s+/;

/**
 * Splits one line into text and citation segments.
 * @param {string} line
 * @param {(n: number) => boolean} isCitation which numbers are real citations
 * @returns {Segment[]}
 */
function splitCitations(line, isCitation) {
  /** @type {Segment[]} */
  const out = [];
  let last = 0;
  for (const match of line.matchAll(MARKER)) {
    const numbers = (match[1] ?? "").split(/[,;]/).map((s) => Number(s.trim()));
    if (!numbers.every(isCitation)) continue;
    if (match.index > last) out.push(...splitStrong(line.slice(last, match.index)));
    for (const n of numbers) out.push({ type: "cite", n });
    last = match.index + match[0].length;
  }
  if (last < line.length) out.push(...splitStrong(line.slice(last)));
  return out;
}

/**
 * Recognises **bold** spans a language model may emit; everything else stays literal.
 * @param {string} text
 * @returns {Segment[]}
 */
function splitStrong(text) {
  /** @type {Segment[]} */
  const out = [];
  const parts = text.split(/\*\*(?=\S)(.+?)(?<=\S)\*\*/);
  parts.forEach((part, i) => {
    if (part === "") return;
    out.push(i % 2 === 1 ? { type: "text", text: part, strong: true } : { type: "text", text: part });
  });
  return out;
}

/**
 * Parses answer text into paragraphs and lists. Blank lines separate blocks;
 * lines starting with "-", "•" or "1." form lists.
 * @param {string} text
 * @param {(n: number) => boolean} [isCitation] defaults to "any number"
 * @returns {Block[]}
 */
export function parseAnswer(text, isCitation = () => true) {
  /** @type {Block[]} */
  const blocks = [];
  /** @type {Block | null} */
  let current = null;
  for (const rawLine of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = rawLine.trimEnd();
    if (line.trim() === "") {
      current = null;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = item[2] !== undefined;
      if (current?.type !== "list" || current.ordered !== ordered) {
        current = { type: "list", ordered, items: [] };
        blocks.push(current);
      }
      current.items.push(splitCitations(line.slice(item[0].length), isCitation));
    } else {
      if (current?.type !== "paragraph") {
        current = { type: "paragraph", lines: [] };
        blocks.push(current);
      }
      current.lines.push(splitCitations(line.trim(), isCitation));
    }
  }
  return blocks;
}

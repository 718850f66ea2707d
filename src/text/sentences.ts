/**
 * Sentence splitting for Swedish routine documents. Offsets point into the
 * input, so `text.slice(start, end) === sentence.text` and quotes stay
 * verbatim substrings. Abbreviations (t.ex., bl.a., 2 kap. 1 §), decimals and
 * list numbers never end a sentence; list items and table rows on their own
 * lines are sentences of their own.
 */
import { wordList } from "./word-data.js";

/** A sentence and its position in the input (UTF-16 offsets, end exclusive). */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/**
 * Lower-cased abbreviations without their final period, in groups each with
 * the reason it is there: src/text/data/sentence-abbreviations.yaml.
 */
const ABBREVIATIONS: ReadonlySet<string> = new Set(wordList("sentenceAbbreviations", "abbreviations"));

const LIST_ITEM = /^\s*(?:[-–—•*·▪◦‣]|\d{1,3}[.)]|[a-zA-Z][.)])\s/u;
const TABLE_ROW = /\s\|\s|^\s*\|/u;
const TERMINAL = /[.!?…:;]["'”’)\]»]*\s*$/u;
const CLOSERS = "\"'”’)]»";

interface Line {
  start: number;
  end: number;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === "\n") {
      out.push({ start, end: i > start && text[i - 1] === "\r" ? i - 1 : i });
      start = i + 1;
    }
  }
  return out;
}

/** Group lines into blocks: a newline breaks unless the next line plainly continues the sentence. */
function blocksOf(text: string): Line[] {
  const blocks: Line[] = [];
  let current: Line | null = null;
  let prevText = "";
  for (const line of linesOf(text)) {
    const s = text.slice(line.start, line.end);
    if (s.trim() === "") {
      current = null;
      continue;
    }
    const continues =
      current !== null &&
      /^\s*\p{Ll}/u.test(s) &&
      !TERMINAL.test(prevText) &&
      !LIST_ITEM.test(s) &&
      !TABLE_ROW.test(s) &&
      !TABLE_ROW.test(prevText);
    if (continues && current) {
      current.end = line.end;
    } else {
      current = { start: line.start, end: line.end };
      blocks.push(current);
    }
    prevText = s;
  }
  return blocks;
}

/** The whitespace-free word that ends just before `dot` (e.g. "t.ex", "kap", "2"). */
function wordBefore(text: string, from: number, dot: number): string {
  let i = dot;
  while (i > from && !/\s/u.test(text.charAt(i - 1))) i--;
  return text.slice(i, dot).replace(/^[("'«“]+/u, "");
}

function isNonTerminalDot(text: string, blockStart: number, dot: number, next: string): boolean {
  const word = wordBefore(text, blockStart, dot);
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  if (/^\p{L}$/u.test(word)) return true; // initials, "s." for sida
  if (/^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(word)) return true; // dotted forms like "p.g.a", "fr.o.m"
  if (/^\d+$/u.test(word)) {
    // "1." opening a numbered line is a list marker, not a sentence.
    if (text.slice(blockStart, dot - word.length).trim() === "") return true;
    // "3. maj", "den 5. i månaden": an ordinal followed by lower case.
    if (/\p{Ll}/u.test(next)) return true;
  }
  return false;
}

/**
 * Split `text` into sentences with offsets into `text` (surrounding whitespace
 * trimmed). Never returns empty sentences.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const push = (start: number, end: number) => {
    while (start < end && /\s/u.test(text.charAt(start))) start++;
    while (end > start && /\s/u.test(text.charAt(end - 1))) end--;
    if (end > start) out.push({ text: text.slice(start, end), start, end });
  };
  for (const block of blocksOf(text)) {
    let sentenceStart = block.start;
    let i = block.start;
    while (i < block.end) {
      const ch = text.charAt(i);
      if (ch !== "." && ch !== "!" && ch !== "?" && ch !== "…") {
        i++;
        continue;
      }
      const punctStart = i;
      while (i < block.end && ".!?…".includes(text.charAt(i))) i++;
      while (i < block.end && CLOSERS.includes(text.charAt(i))) i++;
      const endOfSentence = i;
      // A boundary needs whitespace after the punctuation ("2.5", "www.x.se" stay whole).
      if (i < block.end && !/\s/u.test(text.charAt(i))) continue;
      let j = i;
      while (j < block.end && /\s/u.test(text.charAt(j))) j++;
      if (j >= block.end) break;
      const next = text.charAt(j);
      if (/\p{Ll}/u.test(next)) continue; // lower case continues the sentence
      const punct = text.slice(punctStart, endOfSentence).replace(/["'”’)\]»]/gu, "");
      if (punct === "." && isNonTerminalDot(text, sentenceStart, punctStart, next)) continue;
      push(sentenceStart, endOfSentence);
      sentenceStart = j;
      i = j;
    }
    push(sentenceStart, block.end);
  }
  return out;
}

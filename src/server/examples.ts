/**
 * Example questions for the chat's empty state, from the deployment itself
 * (issue 19): never the sample corpus's fixed questions over another library.
 *
 * 1. `.exempelfragor.txt` in the root of the corpus folder the served index
 *    was built from (the manifest's `corpusDir`, not CORPUS_DIR, so a server
 *    pointed at another folder cannot show that folder's questions): one
 *    question per line, `#` starts a comment; a line `Enhet: fråga` (a
 *    collection name, a colon, the question) is shown only to that unit.
 *    Ingest skips dotfiles, so the file is never a document.
 * 2. Otherwise drawn from the index's own document titles: the unit's
 *    routines when a unit is chosen, else the routines most units share.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { collectionOf } from "../access/access-policy.js";
import type { DocumentRecord } from "../core/schemas.js";

const EXAMPLES_FILE = ".exempelfragor.txt";
const COUNT = 3;

/** Titles of forms, checklists and study material make poor questions. */
const NOT_A_ROUTINE = /^(mall|blankett|checklista|instuderingsmaterial|bilaga|lathund|protokoll|formulär|exempel)\b/i;

/** "Hot och våld - rutin" → "hot och våld"; null when nothing question-worthy is left. */
function topicOfTitle(title: string): string | null {
  let t = title
    .replace(/\.(pdf|docx?|md|txt)$/i, "")
    .replace(/\((?:\d+|version[^)]*|ny)\)/gi, " ")
    .replace(/[-_ ]+version[\s-]*\d+/gi, " ")
    .replace(/_/g, " ")
    .replace(/\b(rutin(en)?|riktlinje(r)?|vof|ny)\b/gi, " ")
    .replace(/\s+[-–]\s*$|^\s*[-–]\s+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[-–:,\s]+|[-–:,\s]+$/g, "");
  if (t.length < 3 || t.length > 60 || NOT_A_ROUTINE.test(t) || /\d{3,}/.test(t)) return null;
  // Keep acronyms (SIP, LSS) and proper names' case; lower-case an ordinary first word.
  const first = t.split(" ")[0]!;
  if (first !== first.toUpperCase() && /^[A-ZÅÄÖ][a-zåäöé]/.test(first)) t = first.toLowerCase() + t.slice(first.length);
  return t;
}

function fromTitles(documents: readonly DocumentRecord[], unit: string | undefined): string[] {
  const units = new Map<string, Set<string>>();
  const chunks = new Map<string, number>();
  const shown = new Map<string, string>();
  for (const doc of documents) {
    const topic = topicOfTitle(doc.title);
    if (!topic) continue;
    const collection = collectionOf(doc);
    if (unit && collection !== unit) continue;
    const key = topic.toLowerCase();
    units.set(key, (units.get(key) ?? new Set()).add(collection));
    chunks.set(key, Math.max(chunks.get(key) ?? 0, doc.chunks));
    if (!shown.has(key)) shown.set(key, topic);
  }
  const topics = [...units.keys()].map((key) => ({
    key,
    topic: shown.get(key)!,
    spread: units.get(key)!.size,
    size: chunks.get(key) ?? 0,
  }));
  // Routines many units share first (the library's common ground), then the longest ones; ties by name so the list is stable.
  topics.sort((a, b) => b.spread - a.spread || b.size - a.size || a.key.localeCompare(b.key, "sv"));
  return topics.slice(0, COUNT).map((t) => `Vad gäller för ${t.topic}?`);
}

function fromFile(corpusDir: string, unit: string | undefined, valid: ReadonlySet<string>): string[] | null {
  let text: string;
  try {
    text = readFileSync(path.join(corpusDir, EXAMPLES_FILE), "utf8");
  } catch {
    return null;
  }
  const general: string[] = [];
  const own: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") continue;
    const m = /^([^:?]{1,200}):\s*(.+)$/.exec(line);
    if (m && valid.has(m[1]!.trim())) {
      if (unit === m[1]!.trim()) own.push(m[2]!.trim());
    } else general.push(line);
  }
  const questions = [...own, ...general].filter((q) => q.length <= 2000);
  return questions.length > 0 ? questions.slice(0, 6) : null;
}

/** Example questions for the chat, optionally for one unit. */
export function exampleQuestions(corpusDir: string, documents: readonly DocumentRecord[], unit?: string): { questions: string[]; from: "file" | "titles" } {
  const valid = new Set(documents.map(collectionOf));
  const chosen = unit && valid.has(unit) ? unit : undefined;
  const listed = fromFile(corpusDir, chosen, valid);
  if (listed) return { questions: listed, from: "file" };
  const own = chosen ? fromTitles(documents, chosen) : [];
  return { questions: own.length > 0 ? own : fromTitles(documents, undefined), from: "titles" };
}

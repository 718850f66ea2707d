/**
 * Per-item answer-quality metrics. Every metric returns `{key, score, comment}`;
 * `score` is null when the metric does not apply to the item, and such items are
 * left out of the means. Definitions are documented in eval/README.md.
 */
import { contentTokens, splitSentences } from "../src/text/index.js";
import { goldHits, wordTokens } from "./gold.js";
import type { GoldSource, PassageLike } from "./gold.js";

/** The result of one metric on one item. */
export interface MetricResult {
  key: string;
  /** 0..1 (or a raw number for latency), null when not applicable. */
  score: number | null;
  /** Why the score is what it is, in plain words for the quality team. */
  comment: string;
}

/** A citation with the full text of the chunk it points to (null when it could not be found). */
export interface ResolvedCitation {
  n: number;
  chunkId: string;
  quote: string;
  /** Corpus-relative source of the cited chunk. */
  source: string;
  chunkText: string | null;
  /** Other documents holding the cited passage word for word (the citation's `alsoIn`). */
  alsoIn?: readonly { source: string }[];
}

function short(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function describeGold(gold: GoldSource, index: number): string {
  return `#${index + 1} ${gold.doc} «${short(gold.quote, 50)}»`;
}

/**
 * Recall@k: share of the gold sources hit by at least one of the first k passages
 * (the list is taken as ranked, best first). Null when there are no gold sources
 * (unanswerable items).
 */
export function recallAtK(retrieved: readonly PassageLike[], golds: readonly GoldSource[], k: number): MetricResult {
  const key = `recall@${k}`;
  if (golds.length === 0) return { key, score: null, comment: "no gold sources (unanswerable)" };
  const found = new Set<number>();
  for (const passage of retrieved.slice(0, k)) for (const i of goldHits(passage, golds)) found.add(i);
  const missing = golds.map((g, i) => (found.has(i) ? null : describeGold(g, i))).filter((s) => s !== null);
  const comment =
    `${found.size}/${golds.length} gold sources hit in top ${k} of ${retrieved.length} retrieved` +
    (missing.length ? `; missing: ${missing.join("; ")}` : "");
  return { key, score: found.size / golds.length, comment };
}

/**
 * MRR@10: 1 / rank of the first passage (within the top 10) that hits any gold
 * source, 0 when none does. Null when there are no gold sources.
 */
export function mrrAt10(retrieved: readonly PassageLike[], golds: readonly GoldSource[]): MetricResult {
  const key = "mrr@10";
  if (golds.length === 0) return { key, score: null, comment: "no gold sources (unanswerable)" };
  const top = retrieved.slice(0, 10);
  for (let i = 0; i < top.length; i += 1) {
    const hits = goldHits(top[i]!, golds);
    if (hits.length > 0) {
      return { key, score: 1 / (i + 1), comment: `first gold hit at rank ${i + 1} (gold #${hits.map((h) => h + 1).join(", #")})` };
    }
  }
  return { key, score: 0, comment: `no gold hit in top ${top.length} retrieved` };
}

function citationPassage(c: ResolvedCitation): PassageLike {
  // Without the chunk text the quote is the best evidence we have of what was cited.
  return { source: c.source, text: c.chunkText ?? c.quote, ...(c.alsoIn ? { alsoIn: c.alsoIn } : {}) };
}

/**
 * Citation precision: share of citations whose chunk hits some gold source.
 * Null when there are no citations or no gold sources.
 */
export function citationPrecision(citations: readonly ResolvedCitation[], golds: readonly GoldSource[]): MetricResult {
  const key = "citation_precision";
  if (golds.length === 0) return { key, score: null, comment: "no gold sources (unanswerable)" };
  if (citations.length === 0) return { key, score: null, comment: "no citations" };
  const misses = citations.filter((c) => goldHits(citationPassage(c), golds).length === 0);
  const good = citations.length - misses.length;
  const comment =
    `${good}/${citations.length} citations hit a gold source` +
    (misses.length ? `; off-gold: ${misses.map((c) => `[${c.n}] ${c.source}`).join(", ")}` : "");
  return { key, score: good / citations.length, comment };
}

/**
 * Citation recall: share of gold sources hit by at least one citation (tested
 * against the cited chunk's full text). Null when there are no gold sources.
 */
export function citationRecall(citations: readonly ResolvedCitation[], golds: readonly GoldSource[]): MetricResult {
  const key = "citation_recall";
  if (golds.length === 0) return { key, score: null, comment: "no gold sources (unanswerable)" };
  const found = new Set<number>();
  for (const c of citations) for (const i of goldHits(citationPassage(c), golds)) found.add(i);
  const missing = golds.map((g, i) => (found.has(i) ? null : describeGold(g, i))).filter((s) => s !== null);
  const comment =
    `${found.size}/${golds.length} gold sources cited` +
    (citations.length === 0 ? " (no citations)" : "") +
    (missing.length ? `; not cited: ${missing.join("; ")}` : "");
  return { key, score: found.size / golds.length, comment };
}

/**
 * Citation validity: share of citations whose `quote` is a verbatim substring of
 * the cited chunk's text. A chunk that cannot be found makes its citation invalid.
 * Null when there are no citations; applies to every item, unanswerable included.
 */
export function citationValidity(citations: readonly ResolvedCitation[]): MetricResult {
  const key = "citation_validity";
  if (citations.length === 0) return { key, score: null, comment: "no citations" };
  const problems: string[] = [];
  let valid = 0;
  for (const c of citations) {
    if (c.chunkText === null) problems.push(`[${c.n}] chunk ${c.chunkId} not found`);
    else if (c.quote.length === 0) problems.push(`[${c.n}] empty quote`);
    else if (!c.chunkText.includes(c.quote)) problems.push(`[${c.n}] quote «${short(c.quote)}» not verbatim in chunk ${c.chunkId}`);
    else valid += 1;
  }
  const comment = `${valid}/${citations.length} quotes verbatim` + (problems.length ? `; ${problems.join("; ")}` : "");
  return { key, score: valid / citations.length, comment };
}

/** Lower case, every whitespace run (NBSP, narrow NBSP, tabs … included) as one space. */
function normalizeForMatch(text: string): string {
  // JS `\s` covers all Unicode space separators, so U+00A0 and U+202F are included.
  return text.replace(/\s+/gu, " ").toLowerCase();
}

/**
 * Must-include recall: share of the terms found in the answer, case- and
 * whitespace-insensitively. Null when the list is empty or the item is unanswerable.
 */
export function mustIncludeRecall(answer: string, terms: readonly string[], unanswerable: boolean): MetricResult {
  const key = "must_include_recall";
  if (unanswerable) return { key, score: null, comment: "unanswerable item" };
  if (terms.length === 0) return { key, score: null, comment: "no must-include terms" };
  const haystack = normalizeForMatch(answer);
  const missing = terms.filter((t) => !haystack.includes(normalizeForMatch(t).trim()));
  const found = terms.length - missing.length;
  const comment =
    `${found}/${terms.length} terms found` + (missing.length ? `; missing: ${missing.map((t) => `"${t}"`).join(", ")}` : "");
  return { key, score: found / terms.length, comment };
}

/** 1 when the system abstained exactly when it should (type unanswerable), else 0. */
export function abstentionCorrect(predicted: boolean, expected: boolean): MetricResult {
  const key = "abstention_correct";
  const score = predicted === expected ? 1 : 0;
  const said = predicted ? "abstained" : "answered";
  const should = expected ? "abstain" : "answer";
  return { key, score, comment: `${said}, expected to ${should}` };
}

/** Removes citation markers such as "[1]" before comparing answer text. */
function stripCitationMarkers(text: string): string {
  return text.replace(/\[\d+\]/g, " ");
}

/**
 * SQuAD-style token F1 between the answer (citation markers removed) and the
 * reference: tokens as in the gold rule (NFC, lower case, letter/digit runs),
 * bag-of-tokens overlap. Both empty → 1; one empty → 0.
 */
export function answerTokenF1(answer: string, reference: string): MetricResult {
  const key = "answer_f1";
  const predicted = wordTokens(stripCitationMarkers(answer));
  const gold = wordTokens(reference);
  if (predicted.length === 0 || gold.length === 0) {
    const score = predicted.length === gold.length ? 1 : 0;
    return { key, score, comment: `${predicted.length} answer tokens, ${gold.length} reference tokens` };
  }
  const counts = new Map<string, number>();
  for (const t of gold) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of predicted) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      common += 1;
      counts.set(t, left - 1);
    }
  }
  if (common === 0) return { key, score: 0, comment: `no token overlap (${predicted.length} vs ${gold.length} tokens)` };
  const precision = common / predicted.length;
  const recall = common / gold.length;
  const f1 = (2 * precision * recall) / (precision + recall);
  return {
    key,
    score: f1,
    comment: `${common} shared tokens; precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)}`,
  };
}

/**
 * Percentile with linear interpolation between closest ranks (numpy's default):
 * position p/100·(n−1) in the sorted values. Null for an empty list.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lower = Math.floor(pos);
  const upper = Math.ceil(pos);
  const lo = sorted[lower]!;
  const hi = sorted[upper]!;
  return lo + (hi - lo) * (pos - lower);
}

const MARKER_GROUP = /(?:\[\d+\])+/g;

/** Same word, allowing Swedish inflection: exact for short words, a shared 5-letter stem for longer ones. */
function tokenMatches(token: string, haystack: ReadonlySet<string>, prefixes: ReadonlySet<string>): boolean {
  if (haystack.has(token)) return true;
  return token.length >= 6 && !/\p{N}/u.test(token) && prefixes.has(token.slice(0, 5));
}

/**
 * Lexical faithfulness: share of the answer's sentences supported by the
 * passages they cite. A sentence cites the markers in it, or else the next
 * marker group after it (an extractive procedure carries one marker after its
 * last step). Supported means: at least half of its content words (stopwords
 * dropped) occur in the cited chunks, inflections matched by a 5-letter
 * prefix, and every number occurs there exactly. Sentences saying the
 * routines do not answer are not claims. Null for abstentions and answers
 * without claims. Independent of the system's own citation check, so it
 * catches regressions in it.
 */
export function faithfulnessLexical(answer: string, abstained: boolean, citations: readonly ResolvedCitation[]): MetricResult {
  const key = "faithfulness_lexical";
  if (abstained) return { key, score: null, comment: "abstained" };
  // Markers written after the full stop belong to the sentence before it.
  const normalized = answer.replace(/([.!?:;])(\s*)((?:\[\d+\])+)/g, " $3$1");
  const sentences = splitSentences(normalized).map((s) => s.text);
  const markersOf = (s: string) => [...s.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  const chunkText = new Map(citations.map((c) => [c.n, c.chunkText ?? c.quote]));
  let considered = 0;
  let supported = 0;
  const failures: string[] = [];
  sentences.forEach((sentence, i) => {
    const claim = sentence.replace(MARKER_GROUP, " ");
    if (/framgår\s+inte\s+(?:av|i)\b/iu.test(claim)) return;
    const words = [...new Set(contentTokens(claim))];
    if (words.length === 0) return;
    considered += 1;
    let markers = markersOf(sentence);
    for (let j = i + 1; markers.length === 0 && j < sentences.length; j++) markers = markersOf(sentences[j]!);
    const texts = markers.map((n) => chunkText.get(n)).filter((t): t is string => t !== undefined);
    if (texts.length === 0) {
      failures.push(`«${short(claim)}» cites nothing`);
      return;
    }
    const tokens = new Set(texts.flatMap((t) => wordTokens(t)));
    const prefixes = new Set([...tokens].filter((t) => t.length >= 5).map((t) => t.slice(0, 5)));
    const found = words.filter((w) => tokenMatches(w, tokens, prefixes));
    const missingNumbers = words.filter((w) => /\p{N}/u.test(w) && !tokens.has(w));
    if (2 * found.length >= words.length && missingNumbers.length === 0) supported += 1;
    else failures.push(`«${short(claim)}» ${found.length}/${words.length} words in cited text` + (missingNumbers.length ? `, numbers missing: ${missingNumbers.join(", ")}` : ""));
  });
  if (considered === 0) return { key, score: null, comment: "no claims in the answer" };
  const comment = `${supported}/${considered} sentences supported by their cited passages` + (failures.length ? `; ${failures.join("; ")}` : "");
  return { key, score: supported / considered, comment };
}

/**
 * The query pipeline, wired top to bottom:
 * condense follow-up → retrieve (dense + lexical, fused, reranked) →
 * abstain or select evidence → compose → Answer with citations.
 */
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { unitScope } from "../access/unit-scope.js";
import type { Config } from "../config/env.js";
import { tuning } from "../config/tuning.js";
import { sectionOf } from "../core/citations.js";
import type { LoadedIndex } from "../core/index-store.js";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Answer, AskRequest, Chunk, Citation, CopyRef, RetrievedPassage } from "../core/schemas.js";
import { expectedAnswerType, hasAnswerType, questionFocus, type TextContext } from "../text/index.js";
import type { AnalyzedQuery } from "./analysis.js";
import type { EvidencePiece } from "./evidence.js";
import type { ChatModel } from "../models/chat-model.js";
import { decide, defaultCalibration, UNCERTAIN_NOTICE, type Calibration, type Decision, type EvidenceSignals } from "./abstention.js";
import { answerPieces } from "./answer-pieces.js";
import { composeExtractive } from "./compose-extractive.js";
import { composeGenerative } from "./compose-llm.js";
import { followUpContext } from "./condense.js";
import { defaultEvidenceOptions, selectEvidence } from "./evidence.js";
import { copyGroupsOf } from "./copies.js";
import { documentContextOf } from "./document-context.js";
import { createRetriever, type Candidate, type RetrievalOptions } from "./retrieve.js";
import type { SearchBackends } from "./search-backends.js";

/** Score bonus of the reader's own unit's passages (options.unit; src/access/unit-scope.ts): tuning.ts, rerank.unitWeight. */
const UNIT_WEIGHT = tuning.rerank.unitWeight;

const ABSTENTION_TEXT = "Det framgår inte av de rutiner jag har tillgång till.";

export interface AnswerServiceDeps {
  index: LoadedIndex;
  embeddings: EmbeddingsInterface;
  text: TextContext;
  config: Config;
  /** Today's date (YYYY-MM-DD) for review-by notices; injectable for tests. */
  today?: () => string;
  /** A language model: when present, answers are written by it and every claim's citation is verified. */
  chat?: ChatModel;
  /** Where model failures are reported (they never fail the request). */
  log?: (msg: string, err?: unknown) => void;
  /** Dense and lexical search served elsewhere than the replica (the database); default: the replica. */
  search?: SearchBackends;
  /** How evidence signals become answer / uncertain / abstain; default: src/config/calibration.json. */
  calibration?: Calibration;
  /** Releases what the searches hold (a connection pool the service owns); called by `AnswerService.close`. */
  close?: () => Promise<void>;
}

interface AskContext {
  allow?: (chunk: Chunk) => boolean;
  disable?: RetrievalOptions["disable"];
}

export interface AnswerService {
  ask(request: AskRequest, context?: AskContext): Promise<Answer>;
  /**
   * Like `ask`, but passes the answer text to `onText` piece by piece as it
   * is verified; the pieces concatenate to the returned `answer`.
   */
  askStream(request: AskRequest, onText: (piece: string) => void | Promise<void>, context?: AskContext): Promise<Answer>;
  readonly index: LoadedIndex;
  /**
   * Builds what the first questions on this index would otherwise build
   * (copy groups, the document-level index, the per-question caches), one
   * piece per turn of the event loop, so a server that opens a new index
   * version while it answers is never held for long (issue 15). Optional so
   * test doubles need not implement it.
   */
  warmUp?(): Promise<void>;
  /**
   * Releases the service's own resources (a database pool it opened); call
   * once no request uses it any more. Optional so test doubles need not
   * implement it.
   */
  close?(): Promise<void>;
}

/**
 * Confidence that the best passage answers the question: its concept coverage.
 * Kept as one function so eval, tuning and the composer agree on it.
 */
function confidenceOf(candidates: Candidate[]): number {
  return candidates.slice(0, tuning.abstention.confidencePassages).reduce((m, c) => Math.max(m, c.coverage), 0);
}

/** A question asked once before a service answers anyone: it fills the caches a real question would. */
const WARM_UP_QUESTION = "Vem ansvarar för rutinen?";

export function createAnswerService(deps: AnswerServiceDeps): AnswerService {
  const { index, embeddings, text, config } = deps;
  const calibration = deps.calibration ?? defaultCalibration();
  const off = new Set<string>(config.ablate);
  const evidenceOptions = { ...defaultEvidenceOptions, answerEachPart: !off.has("parts") };
  // The offline hashing embedder's vectors carry no meaning: by default they do not vote (RETRIEVAL_DENSE_WEIGHT).
  const denseWeight = config.retrievalDenseWeight ?? (index.manifest.embedder.provider === "hashing" ? 0 : tuning.retrieval.denseWeight);
  const retriever = createRetriever(index, embeddings, text, deps.search, denseWeight);
  const today = deps.today ?? (() => new Date().toISOString().slice(0, 10));
  const ablated: RetrievalOptions["disable"] = {
    lexical: off.has("lexical"),
    dense: off.has("dense"),
    rerank: off.has("rerank"),
    diversity: off.has("rerank"),
    copies: off.has("copies"),
    documentContext: off.has("doccontext"),
  };

  async function ask(request: AskRequest, context: AskContext = {}, onText?: (piece: string) => void | Promise<void>): Promise<Answer> {
    const started = performance.now();
    const topK = request.options?.topK ?? config.retrievalTopK;
    // A follow-up borrows its topic from the earlier questions; what it asks (how, when, how much) stays its own.
    const earlier = followUpContext(request.question, request.history);
    // Unit scoping (issue 15, src/access/unit-scope.ts): options.collections narrows the search on top of the access filter; options.unit picks which copy of a shared passage is cited.
    const scope = unitScope(index, request.options, context.allow);
    const { query, candidates } = await retriever.retrieve(request.question, { topK, allow: scope.allow, prefer: scope.prefer, preferWeight: UNIT_WEIGHT, disable: context.disable ?? ablated, context: earlier });
    const copyRefs = (c: Candidate): CopyRef[] =>
      (c.copies ?? []).map((i) => index.chunks[i]!).map((k) => ({ documentId: k.documentId, source: k.source, title: k.title }));
    const toPassage = (c: Candidate): RetrievedPassage => withCopies(passageOf(c), copyRefs(c));
    const byChunk = new Map(candidates.map((c) => [c.chunk.id, c]));
    const namingCopies = (citations: Citation[]): Citation[] =>
      citations.map((cit) => {
        const c = byChunk.get(cit.chunkId);
        return c ? withCopies(cit, copyRefs(c)) : cit;
      });
    const retrieved = request.options?.includeRetrieved ? candidates.slice(0, Math.max(topK, 10)).map(toPassage) : undefined;

    const confidence = confidenceOf(candidates);
    const selected = confidence > 0 ? selectEvidence(request.question, query, candidates, text, evidenceOptions) : [];
    const signals: EvidenceSignals | null =
      selected.length === 0
        ? null
        : {
            coverage: confidence,
            evidenceCoverage: selected.reduce((m, p) => Math.max(m, p.coverage), 0),
            unseenNoun: query.unseenNouns.length > 0,
            focusMissing: focusMissing(request.question, query, selected),
            answerTypeMissing: answerTypeMissing(request.question, selected),
          };
    const { decision, probability } = off.has("calibration") ? vetoDecision(signals) : decide(signals, calibration);
    const debug = request.options?.includeRetrieved ? { signals: signals ?? undefined } : {};
    if (decision === "abstain") {
      return { answer: ABSTENTION_TEXT, abstained: true, citations: [], notices: [], confidence: round(probability), ...debug, ...(retrieved ? { retrieved } : {}), timingMs: elapsed(started) };
    }
    const evidence = selected;
    const uncertainty = decision === "uncertain" ? [UNCERTAIN_NOTICE] : [];
    const formatOf = (id: string) => index.getDocument(id)?.format;
    if (deps.chat) {
      const g = await composeGenerative({ question: request.question, history: request.history, candidates, evidence, chat: deps.chat, text, formatOf, onText, log: deps.log });
      const notices = [...(g.abstained ? [] : uncertainty), ...g.notices, ...reviewNotices(g.citations.map((c) => c.documentId), index, today())];
      return { answer: g.answer, abstained: g.abstained, citations: namingCopies(g.citations), notices, confidence: round(probability), ...(decision === "uncertain" && !g.abstained ? { uncertain: true } : {}), ...debug, mode: g.mode, removedClaims: g.removedClaims, ...(retrieved ? { retrieved } : {}), timingMs: elapsed(started) };
    }
    const composed = composeExtractive(evidence, formatOf);
    return {
      answer: composed.answer,
      abstained: false,
      mode: "extractive",
      citations: namingCopies(composed.citations),
      notices: [...uncertainty, ...reviewNotices(composed.citations.map((c) => c.documentId), index, today())],
      confidence: round(probability),
      ...(decision === "uncertain" ? { uncertain: true } : {}),
      ...debug,
      ...(retrieved ? { retrieved } : {}),
      timingMs: elapsed(started),
    };
  }

  /**
   * "Vilken leverantör …", "Hur stor budget …": when the thing asked about is a
   * word the corpus knows but the chosen passages never mention, they are about
   * the topic, not the question; answering would mean guessing.
   */
  function focusMissing(question: string, query: AnalyzedQuery, evidence: EvidencePiece[]): boolean {
    const focus = questionFocus(question);
    if (!focus || evidence.length === 0) return false;
    const concept = query.concepts.find((c) => c.token === focus);
    if (!concept?.alternatives.some((a) => index.lexical.has(a.term))) return false;
    return !evidence.some((e) => {
      const i = index.chunkIndex(e.chunk.id);
      const terms = i === undefined ? new Set<string>() : retriever.chunkTerms(i);
      return concept.alternatives.some((a) => terms.has(a.term));
    });
  }

  /**
   * "Hur mycket …", "När …": passages that hold no number or time cannot
   * answer, however well they match the topic.
   */
  function answerTypeMissing(question: string, evidence: EvidencePiece[]): boolean {
    const type = expectedAnswerType(question);
    // A reason can be phrased in too many ways to demand a cue word; only facts are required.
    if (type !== "number" && type !== "time" && type !== "frequency") return false;
    // The direct answer comes first; a number in a side sentence ("födda den 5:e") does not answer "hur stort".
    return evidence.length > 0 && !hasAnswerType(evidence[0]!.text, type);
  }

  async function askStream(request: AskRequest, onText: (piece: string) => void | Promise<void>, context: AskContext = {}): Promise<Answer> {
    let sent = false;
    const answer = await ask(request, context, async (piece) => {
      sent = true;
      await onText(piece);
    });
    // Extractive answers and abstentions are complete at once: stream them claim by claim.
    if (!sent) for (const piece of answerPieces(answer.answer)) await onText(piece);
    return answer;
  }

  async function warmUp(): Promise<void> {
    // The document texts (the source view's; read on first use) are loaded here too, so the first
    // source view after a swap does not parse them on the request path.
    const firstDocument = index.manifest.documents[0]?.id;
    for (const build of [() => copyGroupsOf(index), () => documentContextOf(index), () => firstDocument && index.documentText(firstDocument)]) {
      await nextTurn();
      build();
    }
    await nextTurn();
    await ask({ question: WARM_UP_QUESTION }).catch(() => undefined);
  }

  return { ask: (request, context) => ask(request, context), askStream, index, warmUp, close: deps.close ?? (async () => {}) };
}

/**
 * The decision before calibration, kept for the ablation study: a stack of
 * vetoes, each of which abstains (coverage under `minConfidence`, an unseen
 * noun, the focus or the asked-for fact missing).
 */
function vetoDecision(signals: EvidenceSignals | null): { decision: Decision; probability: number } {
  const ok =
    signals !== null && signals.coverage >= tuning.abstention.minConfidence && !signals.unseenNoun && !signals.focusMissing && !signals.answerTypeMissing;
  return { decision: ok ? "answer" : "abstain", probability: ok ? 1 : 0 };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

function withCopies<T extends object>(item: T, copies: CopyRef[]): T {
  return copies.length > 0 ? { ...item, alsoIn: copies } : item;
}

function passageOf(c: Candidate): RetrievedPassage {
  return {
    chunkId: c.chunk.id,
    documentId: c.chunk.documentId,
    source: c.chunk.source,
    title: c.chunk.title,
    section: sectionOf(c.chunk),
    page: c.chunk.page,
    score: Math.round(c.score * 10000) / 10000,
    text: c.chunk.text,
  };
}

/** "Rutinen skulle ha reviderats …" for every cited document past its review-by date. */
function reviewNotices(documentIds: string[], index: LoadedIndex, today: string): string[] {
  const notices: string[] = [];
  for (const id of new Set(documentIds)) {
    const doc = index.getDocument(id);
    const reviewBy = doc?.metadata.reviewBy;
    if (doc && reviewBy && reviewBy < today) notices.push(`Rutinen ”${doc.title}” skulle ha reviderats ${reviewBy}.`);
  }
  return notices;
}

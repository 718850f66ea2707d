/**
 * The generative answer: the top retrieved passages become numbered sources
 * in the prompt, the model writes, and only sentences whose citations check
 * out are kept (verify-citations.ts). When streaming, a sentence is released
 * only after its check. If the model is down, slow or nothing it wrote can
 * be verified, the extractive answer is returned instead, with a notice.
 */
import { tuning } from "../config/tuning.js";
import type { ChatTurn, Chunk, Citation } from "../core/schemas.js";
import { maskPersonalData } from "../privacy/pii.js";
import { ChatModelError, type ChatModel } from "../models/chat-model.js";
import type { TextContext } from "../text/index.js";
import { answerPieces } from "./answer-pieces.js";
import { composeExtractive } from "./compose-extractive.js";
import type { EvidencePiece } from "./evidence.js";
import { buildAnswerMessages, type PromptSource } from "./prompts.js";
import type { Candidate } from "./retrieve.js";
import { createStreamingVerifier, type VerifyOptions } from "./verify-citations.js";

/** Notices shown when the model's answer could not be used. */
export const LLM_NOTICES = {
  unreachable: "Språkmodellen kunde inte nås; svaret är hämtat direkt ur rutinerna.",
  timeout: "Språkmodellen svarade inte i tid; svaret är hämtat direkt ur rutinerna.",
  bad_response: "Språkmodellen gav ett oanvändbart svar; svaret är hämtat direkt ur rutinerna.",
  unsupported: "Språkmodellens svar kunde inte styrkas mot rutinerna; svaret är hämtat direkt ur rutinerna.",
  interrupted: "Språkmodellens svar avbröts; bara de delar som hann kontrolleras mot rutinerna visas.",
} as const;

export interface GenerativeInput {
  question: string;
  history?: ChatTurn[];
  /** Ranked retrieval candidates; the best `maxSources` become the prompt's sources. */
  candidates: Candidate[];
  /** Selected evidence: its chunks are always among the sources, and it is the fallback answer. */
  evidence: EvidencePiece[];
  chat: ChatModel;
  text: TextContext;
  formatOf: (documentId: string) => string | undefined;
  /** Receives verified text as it is released; set for streaming. */
  onText?: (piece: string) => void | Promise<void>;
  /** Sources in the prompt at most. Default: tuning.ts, generative.maxSources. */
  maxSources?: number;
  verify?: Omit<VerifyOptions, "formatOf">;
  /** Reports a model failure (for the server log). */
  log?: (msg: string, err?: unknown) => void;
}

export interface GenerativeResult {
  answer: string;
  citations: Citation[];
  abstained: boolean;
  removedClaims: string[];
  notices: string[];
  /** "extractive" when the fallback answered. */
  mode: "generative" | "extractive";
}

/** The numbered sources: best candidates first, then any evidence chunk not among them. */
function selectSources(candidates: Candidate[], evidence: EvidencePiece[], max: number = tuning.generative.maxSources): PromptSource[] {
  const chunks: Chunk[] = [];
  const seen = new Set<string>();
  const add = (c: Chunk) => {
    if (seen.has(c.id)) return;
    seen.add(c.id);
    chunks.push(c);
  };
  for (const c of candidates.slice(0, max)) add(c.chunk);
  for (const e of evidence) add(e.chunk);
  return chunks.map((chunk, i) => ({ n: i + 1, chunk }));
}

export async function composeGenerative(input: GenerativeInput): Promise<GenerativeResult> {
  const sources = selectSources(input.candidates, input.evidence, input.maxSources);
  // Defence in depth: the server has already removed personal data; the CLI and eval arrive here directly.
  const history = input.history?.map((t) => (t.role === "user" ? { ...t, content: maskPersonalData(t.content) } : t));
  const messages = buildAnswerMessages(maskPersonalData(input.question), sources, history);
  const verifier = createStreamingVerifier(sources, input.text, { ...input.verify, formatOf: input.formatOf });
  const release = async (piece: string) => {
    if (piece === "") return;
    await input.onText?.(piece);
  };

  let failure: ChatModelError | null = null;
  try {
    if (input.onText) {
      await input.chat.complete(messages, async (delta) => release(verifier.write(delta)));
    } else {
      verifier.write(await input.chat.complete(messages));
    }
  } catch (err) {
    failure = err instanceof ChatModelError ? err : new ChatModelError("bad_response", (err as Error).message, { cause: err });
    input.log?.(`språkmodellen (${input.chat.provider} ${input.chat.model} på ${input.chat.baseUrl}) misslyckades: ${failure.message}`);
  }

  // A broken-off reply keeps what was already checked; its unfinished last sentence is dropped.
  const { emit, result } = verifier.end({ flush: failure === null });
  if (result.acceptedClaims > 0 || (result.abstained && failure === null)) {
    await release(emit);
    return {
      answer: result.answer,
      citations: result.citations,
      abstained: result.abstained,
      removedClaims: result.removedClaims,
      notices: failure ? [LLM_NOTICES.interrupted] : [],
      mode: "generative",
    };
  }

  // Nothing usable was released, so the extractive answer can take over the stream cleanly.
  const fallback = composeExtractive(input.evidence, input.formatOf);
  for (const piece of answerPieces(fallback.answer)) await release(piece);
  return {
    answer: fallback.answer,
    citations: fallback.citations,
    abstained: false,
    removedClaims: result.removedClaims,
    notices: [failure ? LLM_NOTICES[failure.reason] : LLM_NOTICES.unsupported],
    mode: "extractive",
  };
}

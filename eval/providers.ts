/**
 * Providers ask the system under test and return the API's Answer shape, so the
 * metrics cannot tell whether the answer came in process or over HTTP.
 */
import { z } from "zod";
import type { Answer, AskRequest } from "../src/core/schemas.js";
import { EvalProviderError } from "./errors.js";
import type { PassageLike } from "./gold.js";
import type { EvalQuestion } from "./questions.js";

/** How the harness talks to the system under test. */
export interface AnswerProvider {
  readonly mode: "in-process" | "http";
  ask(request: AskRequest): Promise<Answer>;
  /** Full text and source of a chunk by id; null when it does not exist. */
  getChunk(chunkId: string): Promise<PassageLike | null>;
  /** Index manifest of the answering system, when known. */
  readonly indexManifest: unknown;
  /** Settings worth recording in the report (never secrets). */
  readonly settings: Record<string, unknown>;
  close(): Promise<void>;
}

/**
 * The request the harness sends for a question: history from `previous`
 * (user question, then assistant answer, per turn), retrieved passages included.
 */
export function buildAskRequest(q: EvalQuestion, topK = 10): AskRequest {
  const history = q.previous.flatMap((turn) => [
    { role: "user" as const, content: turn.question },
    { role: "assistant" as const, content: turn.answer },
  ]);
  return { question: q.question, history, options: { includeRetrieved: true, topK } };
}

const citationSchema = z.looseObject({
  n: z.number(),
  chunkId: z.string(),
  documentId: z.string().default(""),
  source: z.string().default(""),
  title: z.string().default(""),
  section: z.string().default(""),
  page: z.number().nullable().default(null),
  quote: z.string(),
  url: z.string().default(""),
});

const passageSchema = z.looseObject({
  chunkId: z.string(),
  documentId: z.string().default(""),
  source: z.string(),
  title: z.string().default(""),
  section: z.string().default(""),
  page: z.number().nullable().default(null),
  score: z.number().default(0),
  text: z.string(),
});

/** Validates an Answer received over HTTP; unknown keys are kept. */
export const answerResponseSchema = z.looseObject({
  answer: z.string(),
  abstained: z.boolean(),
  citations: z.array(citationSchema),
  retrieved: z.array(passageSchema).optional(),
  notices: z.array(z.string()).default([]),
  timingMs: z.number().default(0),
  /** The system's estimated probability (0..1) that its answer is supported; absent on older servers. Out-of-range values are kept, and ignored by the calibration figures. */
  confidence: z.number().optional(),
});

const chunkResponseSchema = z.looseObject({ source: z.string(), text: z.string() });

/** Accepts `{source, text}` or the same nested under `chunk` / `passage` / `source`. */
function chunkFromBody(body: unknown): PassageLike | null {
  const candidates: unknown[] = [body];
  if (body && typeof body === "object") {
    const o = body as Record<string, unknown>;
    candidates.push(o.chunk, o.passage, o.source);
  }
  for (const c of candidates) {
    const parsed = chunkResponseSchema.safeParse(c);
    if (parsed.success) return { source: parsed.data.source, text: parsed.data.text };
  }
  return null;
}

export interface HttpProviderOptions {
  /** Base URL of a running server, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** Extra request headers (e.g. an API key header). */
  headers?: Record<string, string>;
  /** Per-request timeout; default 120 000 ms. */
  timeoutMs?: number;
}

async function readError(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (body.error?.message) return `${body.error.code ?? "error"}: ${body.error.message}`;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.slice(0, 300) || res.statusText;
}

/** Provider that POSTs to `${baseUrl}/api/ask` and GETs `${baseUrl}/api/sources/:chunkId`. */
export function createHttpProvider(options: HttpProviderOptions): AnswerProvider {
  const base = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 120_000;
  const headers = options.headers ?? {};
  return {
    mode: "http",
    indexManifest: null,
    settings: { baseUrl: base, timeoutMs, headerNames: Object.keys(headers) },
    async ask(request) {
      let res: Response;
      try {
        res = await fetch(`${base}/api/ask`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json", ...headers },
          body: JSON.stringify(request),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (cause) {
        throw new EvalProviderError(`eval/providers: POST ${base}/api/ask failed: ${(cause as Error).message}`, { cause });
      }
      if (!res.ok) {
        throw new EvalProviderError(`eval/providers: POST ${base}/api/ask returned ${res.status} (${await readError(res)})`);
      }
      const body: unknown = await res.json().catch(() => undefined);
      const parsed = answerResponseSchema.safeParse(body);
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
        throw new EvalProviderError(`eval/providers: /api/ask response is not an Answer: ${detail}`);
      }
      return parsed.data as Answer;
    },
    async getChunk(chunkId) {
      const res = await fetch(`${base}/api/sources/${encodeURIComponent(chunkId)}`, {
        headers: { accept: "application/json", ...headers },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.status === 404) return null;
      if (!res.ok) {
        throw new EvalProviderError(`eval/providers: GET /api/sources/${chunkId} returned ${res.status} (${await readError(res)})`);
      }
      return chunkFromBody(await res.json().catch(() => null));
    },
    async close() {
      // Nothing to release: fetch keeps no state we own.
    },
  };
}

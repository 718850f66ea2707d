/**
 * Optional LLM-judge metrics (RAGAS-style faithfulness and answer correctness).
 * Off unless a judge is configured; nothing here touches the network otherwise.
 */
import { z } from "zod";
import { EvalProviderError } from "./errors.js";
import type { MetricResult } from "./metrics.js";

interface JudgeInput {
  question: string;
  answer: string;
  reference: string;
  /** Full texts of the cited chunks: the only context the answer may rely on. */
  contexts: string[];
}

/** Scores one answer; returns metrics with keys "faithfulness" and "answer_correctness". */
export interface Judge {
  readonly name: string;
  judge(input: JudgeInput): Promise<MetricResult[]>;
}

const verdictSchema = z.object({
  claims_total: z.number().int().min(0),
  claims_supported: z.number().int().min(0),
  tp: z.number().int().min(0),
  fp: z.number().int().min(0),
  fn: z.number().int().min(0),
});
export type JudgeVerdict = z.infer<typeof verdictSchema>;

/**
 * RAGAS definitions: faithfulness = supported claims / claims in the answer
 * (null without claims); answer correctness = tp / (tp + ½(fp + fn)) over
 * statements of answer vs reference (null when all counts are zero).
 */
export function verdictToMetrics(v: JudgeVerdict): MetricResult[] {
  const supported = Math.min(v.claims_supported, v.claims_total);
  const denom = v.tp + 0.5 * (v.fp + v.fn);
  return [
    {
      key: "faithfulness",
      score: v.claims_total === 0 ? null : supported / v.claims_total,
      comment: `${supported}/${v.claims_total} claims supported by the cited passages`,
    },
    {
      key: "answer_correctness",
      score: denom === 0 ? null : v.tp / denom,
      comment: `tp ${v.tp}, fp ${v.fp}, fn ${v.fn} against the reference answer`,
    },
  ];
}

export interface OpenAiJudgeOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
}

const PROMPT = `You grade a Swedish answer. Split the ANSWER into atomic factual claims.
claims_total = number of claims; claims_supported = claims fully supported by CONTEXT.
Compare ANSWER with REFERENCE statement by statement: tp = answer statements also in the reference,
fp = answer statements not in the reference, fn = reference statements missing from the answer.
Reply with JSON only: {"claims_total":0,"claims_supported":0,"tp":0,"fp":0,"fn":0}`;

/** A judge calling an OpenAI-compatible /chat/completions endpoint at temperature 0. */
export function createOpenAiCompatibleJudge(options: OpenAiJudgeOptions): Judge {
  const base = options.baseUrl.replace(/\/+$/, "");
  return {
    name: `openai-compatible:${options.model}`,
    async judge(input) {
      const user = `QUESTION:\n${input.question}\n\nCONTEXT:\n${input.contexts.join("\n---\n")}\n\nANSWER:\n${input.answer}\n\nREFERENCE:\n${input.reference}`;
      const res = await fetch(`${base}/chat/completions`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: options.model,
          temperature: 0,
          messages: [
            { role: "system", content: PROMPT },
            { role: "user", content: user },
          ],
        }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
      });
      if (!res.ok) throw new EvalProviderError(`eval/judge: ${base}/chat/completions returned ${res.status}`);
      const body = (await res.json()) as { choices?: { message?: { content?: string } }[] };
      const content = body.choices?.[0]?.message?.content ?? "";
      const json = content.match(/\{[\s\S]*\}/)?.[0];
      const parsed = verdictSchema.safeParse(json ? JSON.parse(json) : null);
      if (!parsed.success) throw new EvalProviderError(`eval/judge: unreadable verdict: ${content.slice(0, 200)}`);
      return verdictToMetrics(parsed.data);
    },
  };
}

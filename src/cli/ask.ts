/**
 * CLI: npm run ask -- "fråga"   (same answer service as the API)
 */
import { loadConfig } from "../config/env.js";
import { askRequestSchema } from "../core/schemas.js";
import { PII_WARNING } from "../privacy/pii.js";
import { screenAskRequest } from "../privacy/question-privacy.js";
import { openAnswerService } from "../lifecycle/open-answer-service.js";

async function main(): Promise<number> {
  const question = process.argv.slice(2).join(" ").trim();
  const parsed = askRequestSchema.safeParse({ question });
  if (!parsed.success) {
    console.error(`Användning: npm run ask -- "fråga"\n${parsed.error.issues.map((i) => i.message).join("; ")}`);
    return 2;
  }
  const service = await openAnswerService(loadConfig());
  // Personal data is removed before retrieval, as in the API.
  const { request, hadPersonalData } = screenAskRequest(parsed.data, service.index);
  const answer = await service.ask(request);
  console.log(`\n${answer.answer}\n`);
  for (const c of answer.citations) {
    console.log(`[${c.n}] ${c.title} – ${c.section}${c.page !== null ? `, s. ${c.page}` : ""} (${c.source})`);
    console.log(`    ”${c.quote.replace(/\s+/g, " ").trim()}”`);
  }
  for (const n of answer.notices) console.log(`OBS: ${n}`);
  if (hadPersonalData) console.log(`OBS: ${PII_WARNING}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

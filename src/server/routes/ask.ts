/**
 * POST /api/ask: JSON by default; server-sent events (`token`, `citations`,
 * `done`, `error`) when the client sends `Accept: text/event-stream`.
 */
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { accessFor } from "../../access/access-policy.js";
import { collectionsOf } from "../../access/unit-scope.js";
import { askRequestSchema, type Answer } from "../../core/schemas.js";
import { PII_WARNING } from "../../privacy/pii.js";
import { screenAskRequest } from "../../privacy/question-privacy.js";
import type { AppEnv, AppDeps } from "../types.js";
import { recordQuestion } from "../question-record.js";
import { withDocumentDetails } from "../citation-details.js";
import { checkUnitOptions } from "../unit-options.js";
import { validate } from "../validate.js";

export function askRoutes(deps: Pick<AppDeps, "answers" | "access" | "questions" | "log">) {
  return new Hono<AppEnv>().post("/", validate("json", askRequestSchema), async (c) => {
    const service = deps.answers();
    const user = c.get("user");
    // Personal data is removed before the pipeline (and any model) sees the question and masked in the log;
    // collections the user may not read are filtered out before ranking.
    const { request, maskedQuestion, hadPersonalData } = screenAskRequest(c.req.valid("json"), service.index);
    const access = deps.access ? accessFor(deps.access, user, service.index) : undefined;
    const context = access ? { allow: access.chunk } : {};
    // options.collections / options.unit must name collections of this index the user may read (400 listing them otherwise).
    checkUnitOptions(request.options, collectionsOf(service.index.manifest.documents, access ? (d) => access.document(d) : undefined).map((x) => x.name));
    const finish = async (answer: Answer): Promise<Answer> => {
      await recordQuestion(deps, { userId: user?.id ?? "anonym", maskedQuestion, hadPersonalData }, answer);
      // Each citation names its unit, owner, dates and published original (src/server/citation-details.ts).
      const detailed = withDocumentDetails(service.index, answer);
      return hadPersonalData ? { ...detailed, piiWarning: PII_WARNING } : detailed;
    };
    const wantsStream = (c.req.header("accept") ?? "").includes("text/event-stream");
    if (!wantsStream) {
      const answer = await service.ask(request, context);
      return c.json(await finish(answer));
    }
    return streamSSE(c, async (stream) => {
      try {
        // Each piece has passed the citation check before it is written: nothing unverified reaches the screen.
        const answer = await finish(await service.askStream(request, (text) => stream.writeSSE({ event: "token", data: JSON.stringify({ text }) }), context));
        await stream.writeSSE({ event: "citations", data: JSON.stringify({ citations: answer.citations }) });
        await stream.writeSSE({ event: "done", data: JSON.stringify(answer) });
      } catch (err) {
        deps.log("ask stream failed", err);
        await stream.writeSSE({ event: "error", data: JSON.stringify({ code: "internal_error", message: "Svaret kunde inte tas fram. Försök igen." }) });
      }
    });
  });
}

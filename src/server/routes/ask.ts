/**
 * POST /api/ask: JSON by default; server-sent events (`token`, `citations`,
 * `done`, `error`) when the client sends `Accept: text/event-stream`.
 */
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { askRequestSchema } from "../../core/schemas.js";
import type { AppEnv, AppDeps } from "../app.js";
import { validate } from "../validate.js";

export { answerPieces } from "../../query/answer-pieces.js";

export function askRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post("/", validate("json", askRequestSchema), async (c) => {
    const request = c.req.valid("json");
    const wantsStream = (c.req.header("accept") ?? "").includes("text/event-stream");
    if (!wantsStream) {
      const answer = await deps.answers().ask(request);
      return c.json(answer);
    }
    return streamSSE(c, async (stream) => {
      try {
        // Each piece has passed the citation check before it is written: nothing unverified reaches the screen.
        const answer = await deps.answers().askStream(request, (text) => stream.writeSSE({ event: "token", data: JSON.stringify({ text }) }));
        await stream.writeSSE({ event: "citations", data: JSON.stringify({ citations: answer.citations }) });
        await stream.writeSSE({ event: "done", data: JSON.stringify(answer) });
      } catch (err) {
        deps.log("ask stream failed", err);
        await stream.writeSSE({ event: "error", data: JSON.stringify({ code: "internal_error", message: "Svaret kunde inte tas fram. Försök igen." }) });
      }
    });
  });
}

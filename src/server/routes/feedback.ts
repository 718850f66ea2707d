/**
 * POST /api/feedback: staff rate an answer (thumbs up/down, optional comment).
 * Stored for review on the admin page ("svar att granska").
 */
import { Hono } from "hono";
import { maskTyped } from "../../privacy/question-privacy.js";
import { feedbackRequestSchema } from "../../store/feedback.js";
import type { AppDeps, AppEnv } from "../types.js";
import { errorBody } from "../on-error.js";
import { validate } from "../validate.js";

export function feedbackRoutes(deps: Pick<AppDeps, "answers" | "stores">) {
  return new Hono<AppEnv>().post("/", validate("json", feedbackRequestSchema), async (c) => {
    if (!deps.stores) return c.json(errorBody(c, "feedback_unavailable", "Återkoppling kan inte sparas just nu."), 503);
    const body = c.req.valid("json");
    const index = deps.answers().index;
    // Personal data typed by staff is masked before it is stored.
    const entry = await deps.stores.feedback.add({ ...body, question: maskTyped(body.question, index), ...(body.comment ? { comment: maskTyped(body.comment, index) } : {}) });
    return c.json({ id: entry.id }, 201);
  });
}

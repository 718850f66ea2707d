/**
 * Request validation with the shared error envelope. Messages are Swedish:
 * they reach staff in the chat.
 */
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { errorBody } from "./on-error.js";

export function validate<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) {
      const issues = (result.error as { issues?: { path: PropertyKey[]; message: string }[] }).issues ?? [];
      const message = issues
        .map((i) => (i.path.length > 0 ? `${i.path.map(String).join(".")}: ${i.message}` : i.message))
        .join("; ");
      return c.json(errorBody(c, "invalid_request", message || "Ogiltig förfrågan."), 400);
    }
  });
}

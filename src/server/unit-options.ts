/**
 * `options.collections` and `options.unit` of POST /api/ask are checked
 * against the collections of the served index that the user may read: a
 * misspelt unit would otherwise search nothing, or silently everything.
 */
import { z } from "zod";
import { ValidationError } from "../core/errors.js";

/** Zod schema for the unit options given the valid collection names. */
function unitOptionsSchema(valid: readonly string[]) {
  const known = new Set(valid);
  const list = valid.length > 0 ? valid.join(", ") : "(inga)";
  const collection = z.string().refine((name) => known.has(name), { error: (issue) => `Okänd enhet ”${String(issue.input)}”. Giltiga enheter: ${list}.` });
  return z.object({ collections: z.array(collection).optional(), unit: collection.optional() });
}

/** Throws a 400 (ValidationError) naming the valid collections when an option names an unknown one. */
export function checkUnitOptions(options: { collections?: string[]; unit?: string } | undefined, valid: readonly string[]): void {
  if (!options || (options.collections === undefined && options.unit === undefined)) return;
  const parsed = unitOptionsSchema(valid).safeParse({ collections: options.collections, unit: options.unit });
  if (!parsed.success) {
    const messages = [...new Set(parsed.error.issues.map((i) => `options.${i.path.map(String).join(".")}: ${i.message}`))];
    throw new ValidationError(messages.join("; "));
  }
}

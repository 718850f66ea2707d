/**
 * Parameters for PostgreSQL statements (reading rows back: ../row-values.ts).
 */
import { ValidationError } from "../../core/errors.js";

/** A caller's ISO time as a parameter; refuses text PostgreSQL could not read as a time. */
export function timeParam(value: string, what: string): string {
  if (Number.isNaN(Date.parse(value))) throw new ValidationError(`${what}: ogiltig tid "${value}"; ange den som ISO-tid, t.ex. 2025-01-31 eller 2025-01-31T08:00:00Z.`);
  return new Date(value).toISOString();
}

/** A jsonb parameter: sent as JSON text, which PostgreSQL parses. */
export function jsonParam(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

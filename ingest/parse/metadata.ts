/**
 * Document metadata from Markdown front matter or `<file>.meta.yml` sidecars.
 * Accepts the English keys of DocumentMetadata and the Swedish words staff
 * tend to write (titel, ägare, revideras …), then validates with zod.
 */
import { documentMetadataSchema, type DocumentMetadata } from "../../src/core/schemas.js";
import { ParseError } from "./errors.js";

/** Key (lower-cased) → DocumentMetadata field. */
const KEY_ALIASES: Record<string, keyof DocumentMetadata> = {
  title: "title",
  titel: "title",
  rubrik: "title",
  owner: "owner",
  ägare: "owner",
  agare: "owner",
  ansvarig: "owner",
  dokumentansvarig: "owner",
  version: "version",
  reviewby: "reviewBy",
  review_by: "reviewBy",
  "review-by": "reviewBy",
  revideras: "reviewBy",
  granskas: "reviewBy",
  "revideras senast": "reviewBy",
  "granskas senast": "reviewBy",
  giltig_till: "reviewBy",
  collection: "collection",
  source_url: "sourceUrl",
  sourceurl: "sourceUrl",
  samling: "collection",
  kategori: "collection",
};

/** YAML turns `2.1` into a number and (in some schemas) dates into Date objects; store both as text. */
function asText(value: unknown): unknown {
  if (typeof value === "number") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "string") return value.trim();
  return value;
}

/**
 * Maps raw key/values (parsed YAML) to validated DocumentMetadata. Unknown keys
 * are ignored. Throws ParseError "invalid-metadata" naming the source and field.
 */
export function normalizeMetadata(raw: unknown, source: string): DocumentMetadata {
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new ParseError("invalid-metadata", source, `Metadata i ${source} måste vara nyckel: värde-par, inte ${Array.isArray(raw) ? "en lista" : typeof raw}.`);
  }
  const mapped: Record<string, unknown> = {};
  const originalKey: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const field = KEY_ALIASES[key.trim().toLowerCase()];
    if (!field || value === null || value === undefined) continue;
    mapped[field] = asText(value);
    originalKey[field] = key;
  }
  const parsed = documentMetadataSchema.safeParse(mapped);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? "?");
    const shown = originalKey[field] ?? field;
    throw new ParseError(
      "invalid-metadata",
      source,
      `Ogiltig metadata i ${source}: fältet "${shown}" ${describeIssue(issue?.code, mapped[field])}.`,
    );
  }
  if (parsed.data.reviewBy !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(parsed.data.reviewBy)) {
    throw new ParseError(
      "invalid-metadata",
      source,
      `Ogiltig metadata i ${source}: fältet "${originalKey["reviewBy"] ?? "reviewBy"}" ska vara ett datum ÅÅÅÅ-MM-DD, fick "${parsed.data.reviewBy}".`,
    );
  }
  return parsed.data;
}

function describeIssue(code: string | undefined, value: unknown): string {
  if (code === "too_small") return "får inte vara tomt";
  return `har fel typ (${Array.isArray(value) ? "lista" : typeof value}), text förväntades`;
}

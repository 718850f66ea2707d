/**
 * Staff bearer tokens for AUTH_MODE=token: a JSON or YAML file with
 * `[{token, user, groups}]`, validated at start. Tokens are compared as
 * sha256 digests in constant time.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { StaffUser } from "./access-policy.js";

const tokensFileSchema = z
  .array(
    z
      .object({
        token: z.string().min(16, "token måste vara minst 16 tecken"),
        user: z.string().trim().min(1, "user saknas"),
        groups: z.array(z.string().trim().min(1)).default([]),
      })
      .strict(),
  )
  .min(1, "filen innehåller inga token")
  .refine((list) => new Set(list.map((t) => t.token)).size === list.length, "samma token förekommer två gånger");

export type StaffToken = z.infer<typeof tokensFileSchema>[number];

/** Thrown when AUTH_TOKENS_FILE is missing or invalid; names the file and the entry. */
class TokensFileError extends Error {
  constructor(file: string, reason: string) {
    super(`auth: ${file}: ${reason}`);
    this.name = "TokensFileError";
  }
}

/** Parses the tokens file text (JSON or YAML). */
export function parseStaffTokens(text: string, file = "AUTH_TOKENS_FILE"): StaffToken[] {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new TokensFileError(file, `går inte att läsa som YAML/JSON (${(err as Error).message})`);
  }
  const parsed = tokensFileSchema.safeParse(raw);
  if (!parsed.success) throw new TokensFileError(file, parsed.error.issues.map((i) => `${i.path.join(".") || "(roten)"}: ${i.message}`).join("; "));
  return parsed.data;
}

/** Reads and validates AUTH_TOKENS_FILE. */
export function loadStaffTokens(file: string): StaffToken[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new TokensFileError(file, `kan inte läsas (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseStaffTokens(text, file);
}

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * The user a presented token belongs to, or null. Every entry is compared
 * (no early exit), so response time does not reveal how many tokens exist
 * before the matching one.
 */
export function createTokenLookup(tokens: readonly StaffToken[]): (presented: string) => StaffUser | null {
  const entries = tokens.map((t) => ({ hash: digest(t.token), user: { id: t.user, groups: [...t.groups] } }));
  return (presented) => {
    const hash = digest(presented);
    let found: StaffUser | null = null;
    for (const e of entries) if (timingSafeEqual(hash, e.hash) && !found) found = e.user;
    return found;
  };
}

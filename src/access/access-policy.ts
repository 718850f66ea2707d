/**
 * Who may read which collection. Every document belongs to one collection
 * (its top-level corpus folder, or `collection` in its metadata; root files
 * are "allmänt"); ACCESS_FILE maps collections to the groups that may read
 * them. The filter built here is handed to retrieval, so chunks a user may
 * not read are dropped before ranking and never reach answers, citations,
 * retrieved passages, the source view or file downloads.
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { LoadedIndex } from "../core/index-store.js";
import type { Chunk, DocumentRecord } from "../core/schemas.js";

/** A signed-in member of staff. */
export interface StaffUser {
  /** User name or subject as given by the sign-in method; recorded in the question log. */
  id: string;
  groups: string[];
}

/** The user of AUTH_MODE=none, and of callers that pass no user (the LangChain retriever). */
export const ANONYMOUS: StaffUser = Object.freeze({ id: "anonym", groups: [] }) as StaffUser;

/** Group names that mean "every signed-in user". */
const EVERYONE_GROUPS: readonly string[] = ["*", "alla"];

/** Collection of documents in the corpus root (mirrors ingest's rule). */
const ROOT_COLLECTION = "allmänt";

const groupList = z.array(z.string().trim().min(1, "gruppnamnet är tomt"));

const accessFileSchema = z
  .object({
    /** Collection name → groups that may read it. */
    collections: z.record(z.string().min(1), groupList).default({}),
    /** Groups that may read collections not listed; empty (the default) means nobody. */
    default: groupList.default([]),
  })
  .strict();

export type AccessPolicy = z.infer<typeof accessFileSchema>;

/** Thrown when ACCESS_FILE cannot be read or does not validate; names the file and the field. */
class AccessFileError extends Error {
  constructor(file: string, reason: string) {
    super(`access: ${file}: ${reason}`);
    this.name = "AccessFileError";
  }
}

/** Parses an access policy from JSON or YAML text. */
export function parseAccessPolicy(text: string, file = "ACCESS_FILE"): AccessPolicy {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new AccessFileError(file, `går inte att läsa som YAML/JSON (${(err as Error).message})`);
  }
  const parsed = accessFileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new AccessFileError(file, parsed.error.issues.map((i) => `${i.path.join(".") || "(roten)"}: ${i.message}`).join("; "));
  }
  return parsed.data;
}

/** Reads and validates ACCESS_FILE (at start, so a typo fails the boot, not a request). */
export function loadAccessPolicy(file: string): AccessPolicy {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new AccessFileError(file, `kan inte läsas (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseAccessPolicy(text, file);
}

/** The collection a document belongs to. */
export function collectionOf(doc: Pick<DocumentRecord, "source" | "metadata">): string {
  if (doc.metadata.collection) return doc.metadata.collection;
  const parts = doc.source.split("/");
  return parts.length > 1 ? parts[0]! : ROOT_COLLECTION;
}

/** True when a user with `groups` may read `collection` under `policy`. */
export function mayRead(policy: AccessPolicy, groups: readonly string[], collection: string): boolean {
  const allowed = Object.hasOwn(policy.collections, collection) ? policy.collections[collection]! : policy.default;
  return allowed.some((g) => EVERYONE_GROUPS.includes(g) || groups.includes(g));
}

/** Answers "may this user read this document?"; without a policy everyone reads everything. */
export interface DocumentAccess {
  document(doc: DocumentRecord | undefined): boolean;
  chunk(chunk: Chunk): boolean;
}

/**
 * The access check for one user against one index. Collections are decided
 * once each and cached, so the per-chunk test in retrieval is a map lookup.
 */
export function accessFor(policy: AccessPolicy | undefined, user: StaffUser | undefined, index: LoadedIndex): DocumentAccess {
  if (!policy) return { document: (doc) => doc !== undefined, chunk: () => true };
  const groups = user?.groups ?? [];
  const byCollection = new Map<string, boolean>();
  const byDocument = new Map<string, boolean>();
  const document = (doc: DocumentRecord | undefined): boolean => {
    if (!doc) return false;
    let ok = byDocument.get(doc.id);
    if (ok === undefined) {
      const collection = collectionOf(doc);
      ok = byCollection.get(collection);
      if (ok === undefined) {
        ok = mayRead(policy, groups, collection);
        byCollection.set(collection, ok);
      }
      byDocument.set(doc.id, ok);
    }
    return ok;
  };
  return { document, chunk: (chunk) => document(index.getDocument(chunk.documentId)) };
}

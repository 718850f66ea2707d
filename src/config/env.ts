/**
 * The only reader of the process environment. Parsed once at start-up with zod
 * and passed in everywhere else, so a missing or malformed setting fails at
 * boot with the field name instead of on the first request.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { securityConfig, securityEnvShape, securityIssues, type SecurityConfig } from "./security-env.js";

export const ABLATABLE = ["lexical", "dense", "stemming", "compounds", "glossary", "typos", "rerank", "copies", "control", "doccontext", "thesaurus", "lemmas", "calibration", "parts"] as const;
type Ablatable = (typeof ABLATABLE)[number];

const intFromEnv = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: intFromEnv(3000, 1, 65535),
  HOST: z.string().default("127.0.0.1"),
  CORPUS_DIR: z.string().default("corpus"),
  INDEX_DIR: z.string().default("data/index"),
  /** Default: beside the index (see defaultDataDir), so two servers on two indexes never share a database by accident. */
  DATA_DIR: optionalString,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Dimensions of the offline hashing embedder. */
  EMBEDDINGS_PROVIDER: z.enum(["hashing", "openai-compatible", "ollama"]).default("hashing"),
  EMBEDDINGS_DIMENSIONS: intFromEnv(512, 64, 8192),
  EMBEDDINGS_BASE_URL: optionalString,
  EMBEDDINGS_MODEL: optionalString,
  EMBEDDINGS_API_KEY: optionalString,
  /** Deadline per request to a remote embedder (openai-compatible, ollama). */
  EMBEDDINGS_TIMEOUT_MS: intFromEnv(30000, 1000, 600000),
  LLM_PROVIDER: z.enum(["none", "openai-compatible", "ollama"]).default("none"),
  LLM_BASE_URL: optionalString,
  LLM_MODEL: optionalString,
  LLM_API_KEY: optionalString,
  LLM_TIMEOUT_MS: intFromEnv(30000, 1000, 600000),
  LLM_MAX_TOKENS: intFromEnv(700, 16, 32000),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.1),
  /** Passages retrieved before evidence selection. */
  RETRIEVAL_TOP_K: intFromEnv(8, 1, 50),
  /**
   * Weight of dense (vector) search in fusion, 0–3. Default: 1 with a model
   * embedder; 0 with the offline hashing embedder, whose vectors carry no meaning
   * (on the blind judging sets switching it off raised mean recall@5 from 0.555
   * to 0.619; DESIGN.md, "Generalisation"). 0 skips dense search altogether.
   */
  RETRIEVAL_DENSE_WEIGHT: z.coerce.number().min(0).max(3).optional(),
  /** Largest accepted request body in bytes. */
  MAX_BODY_BYTES: intFromEnv(64 * 1024, 1024, 100 * 1024 * 1024),
  /**
   * Components switched off, for ablation studies with `npm run eval` only
   * (comma list of the names in ABLATABLE).
   */
  ABLATE: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(ABLATABLE))),
  /** Bearer token for /api/admin; unset turns the admin API off (403). At least 16 characters. */
  ADMIN_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, "måste vara minst 16 tecken"),
  /** Bearer token Prometheus must send to GET /metrics; unset: /metrics is open (counts and latencies only). At least 16 characters. */
  METRICS_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, "måste vara minst 16 tecken"),
  /** The address staff reach the service at (https://rutinsvar.kommun.se); makes the source links in /v1/chat/completions answers absolute. Default: the request's own origin. */
  PUBLIC_URL: optionalString.pipe(z.url("ska vara en URL, t.ex. https://rutinsvar.kommun.se").optional()),
  /** Largest document upload through the admin API, in bytes (all files of one request together). */
  MAX_UPLOAD_BYTES: intFromEnv(25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  /**
   * Share of the indexed documents (0–1) an admin job may remove without explicit
   * confirmation (`?confirm=true`); above it the API answers 409 confirm_removal.
   */
  MAX_REMOVAL_SHARE: z.coerce.number().min(0).max(1).default(0.1),
  /** OCR of PDF pages without a text layer: "auto" uses tesseract when installed, "off" only reports the pages. */
  OCR: z.enum(["auto", "off"]).default("auto"),
  /** Tesseract language(s) for OCR, e.g. "swe" or "swe+eng". */
  OCR_LANGUAGE: z.string().regex(/^[a-z_]+(\+[a-z_]+)*$/, "t.ex. swe eller swe+eng").default("swe"),
  /** Where index versions live: "files" (INDEX_DIR, default) or "postgres" (DATABASE_URL; see docs/scale-out.md). */
  STORE: z.enum(["files", "postgres"]).default("files"),
  /** PostgreSQL connection string, e.g. postgres://user:pass@host:5432/rutinsvar; required when STORE=postgres. */
  DATABASE_URL: optionalString,
  /** Dense search in each instance's in-memory replica ("replica") or in the database with pgvector ("pgvector"). */
  VECTOR_SEARCH: z.enum(["replica", "pgvector"]).default("replica"),
  /** Lexical search with our BM25F in the replica ("replica") or PostgreSQL full-text search, `swedish` configuration ("postgres"). */
  LEXICAL_SEARCH: z.enum(["replica", "postgres"]).default("replica"),
  /** Sign-in, access groups, retention, rate limit: see security-env.ts. */
  ...securityEnvShape,
});

type RawEnv = z.infer<typeof envSchema>;

export interface Config {
  env: RawEnv["NODE_ENV"];
  port: number;
  host: string;
  corpusDir: string;
  indexDir: string;
  dataDir: string;
  logLevel: RawEnv["LOG_LEVEL"];
  embeddings: {
    provider: RawEnv["EMBEDDINGS_PROVIDER"];
    dimensions: number;
    baseUrl?: string;
    model?: string;
    apiKey?: string;
    timeoutMs: number;
  };
  llm: {
    provider: RawEnv["LLM_PROVIDER"];
    baseUrl?: string;
    model?: string;
    apiKey?: string;
    timeoutMs: number;
    maxTokens: number;
    temperature: number;
  };
  retrievalTopK: number;
  /** Dense search's weight in fusion; undefined: decided by the embedder (src/query/answer.ts). */
  retrievalDenseWeight: number | undefined;
  /** Components switched off (ablation studies); empty in normal operation. */
  ablate: Ablatable[];
  maxBodyBytes: number;
  /** Admin API token; undefined means the admin API is off. */
  adminToken?: string;
  /** Token for GET /metrics; undefined means /metrics is open. */
  metricsToken?: string;
  /** Public base URL for links in answers given to other front ends (/v1/chat/completions). */
  publicUrl?: string;
  maxUploadBytes: number;
  /** Share of the indexed documents an admin job may remove before it needs explicit confirmation. */
  maxRemovalShare: number;
  ocr: { enabled: boolean; language: string };
  /** Sign-in, access groups, retention, rate limit. */
  security: SecurityConfig;
  /** Index store: the file store (default) or PostgreSQL shared by several instances. */
  store: { kind: RawEnv["STORE"]; databaseUrl?: string; vectorSearch: RawEnv["VECTOR_SEARCH"]; lexicalSearch: RawEnv["LEXICAL_SEARCH"] };
}

/** Thrown when the environment does not validate; lists every bad field. */
export class ConfigError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Ogiltig konfiguration:\n  ${issues.join("\n  ")}`);
    this.name = "ConfigError";
    this.issues = issues;
  }
}

/**
 * Where SQLite and other state live when DATA_DIR is not set: the folder
 * holding an index folder named `index` (the default data/index → data), or
 * else `<INDEX_DIR>-data` (/srv/idx → /srv/idx-data).
 */
function defaultDataDir(indexDir: string): string {
  return path.basename(indexDir) === "index" ? path.dirname(indexDir) : `${indexDir}-data`;
}

/**
 * Reads `file` (default `.env` in the working directory) into process.env
 * when it exists, without overriding variables already set; returns its path,
 * or null when there is none. Node's own parser (process.loadEnvFile, Node
 * 20.12+) rather than `--env-file`, which on Node 20 fails when the file is
 * missing and would have to be repeated in every npm script.
 */
export function loadDotEnv(file = ".env"): string | null {
  const full = path.resolve(file);
  if (!existsSync(full)) return null;
  process.loadEnvFile(full);
  return full;
}

/**
 * Parse and validate the environment.
 * @param env defaults to `process.env`; tests pass their own record.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  const issues: string[] = [];
  if (e.LLM_PROVIDER !== "none") {
    if (!e.LLM_BASE_URL) issues.push(`LLM_BASE_URL: krävs när LLM_PROVIDER=${e.LLM_PROVIDER}`);
    if (!e.LLM_MODEL) issues.push(`LLM_MODEL: krävs när LLM_PROVIDER=${e.LLM_PROVIDER}`);
  }
  if (e.EMBEDDINGS_PROVIDER !== "hashing") {
    if (!e.EMBEDDINGS_BASE_URL) issues.push(`EMBEDDINGS_BASE_URL: krävs när EMBEDDINGS_PROVIDER=${e.EMBEDDINGS_PROVIDER}`);
    if (!e.EMBEDDINGS_MODEL) issues.push(`EMBEDDINGS_MODEL: krävs när EMBEDDINGS_PROVIDER=${e.EMBEDDINGS_PROVIDER}`);
  }
  if (e.STORE === "postgres" && !e.DATABASE_URL) issues.push("DATABASE_URL: krävs när STORE=postgres");
  if (e.VECTOR_SEARCH === "pgvector" && e.STORE !== "postgres") issues.push("VECTOR_SEARCH: pgvector kräver STORE=postgres");
  if (e.LEXICAL_SEARCH === "postgres" && e.STORE !== "postgres") issues.push("LEXICAL_SEARCH: postgres kräver STORE=postgres");
  issues.push(...securityIssues(e));
  if (issues.length > 0) throw new ConfigError(issues);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    corpusDir: path.resolve(e.CORPUS_DIR),
    indexDir: path.resolve(e.INDEX_DIR),
    dataDir: e.DATA_DIR ? path.resolve(e.DATA_DIR) : defaultDataDir(path.resolve(e.INDEX_DIR)),
    logLevel: e.LOG_LEVEL,
    embeddings: {
      provider: e.EMBEDDINGS_PROVIDER,
      dimensions: e.EMBEDDINGS_DIMENSIONS,
      baseUrl: e.EMBEDDINGS_BASE_URL,
      model: e.EMBEDDINGS_MODEL,
      apiKey: e.EMBEDDINGS_API_KEY,
      timeoutMs: e.EMBEDDINGS_TIMEOUT_MS,
    },
    llm: {
      provider: e.LLM_PROVIDER,
      baseUrl: e.LLM_BASE_URL,
      model: e.LLM_MODEL,
      apiKey: e.LLM_API_KEY,
      timeoutMs: e.LLM_TIMEOUT_MS,
      maxTokens: e.LLM_MAX_TOKENS,
      temperature: e.LLM_TEMPERATURE,
    },
    retrievalTopK: e.RETRIEVAL_TOP_K,
    retrievalDenseWeight: e.RETRIEVAL_DENSE_WEIGHT,
    ablate: e.ABLATE,
    maxBodyBytes: e.MAX_BODY_BYTES,
    adminToken: e.ADMIN_TOKEN,
    metricsToken: e.METRICS_TOKEN,
    publicUrl: e.PUBLIC_URL,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    maxRemovalShare: e.MAX_REMOVAL_SHARE,
    ocr: { enabled: e.OCR === "auto", language: e.OCR_LANGUAGE },
    security: securityConfig(e),
    store: { kind: e.STORE, databaseUrl: e.DATABASE_URL, vectorSearch: e.VECTOR_SEARCH, lexicalSearch: e.LEXICAL_SEARCH },
  };
}

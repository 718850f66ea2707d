/**
 * The OpenAPI 3.1 description of the HTTP API, assembled from the zod
 * schemas the routes validate with (zod 4's own `z.toJSONSchema`, which
 * emits JSON Schema 2020-12, the dialect OpenAPI 3.1 uses). Every route the
 * app registers is listed in OPERATIONS; tests/integration/observability
 * compares the two, so a new route without a description fails the tests.
 *
 * Why not @hono/zod-openapi or hono-openapi: both want the routes declared
 * through their own helpers (createRoute / describeRoute + their validator),
 * which means rewriting every route file, several of them owned by other
 * work in progress. A table next to the unchanged routes, using the very
 * schema objects they import, gives the same document without that.
 */
import { z, type ZodType } from "zod";
import { askRequestSchema, chatTurnSchema } from "../core/schemas.js";
import { feedbackRequestSchema } from "../store/feedback.js";
import { chatCompletionChunkSchema, chatCompletionRequestSchema, chatCompletionSchema, citationSchema, modelListSchema } from "./routes/openai.js";
import { patchSchema, reindexSchema } from "./routes/admin.js";

type Method = "get" | "post" | "patch" | "delete" | "put";
/** Who may call: nobody signed in, staff (AUTH_MODE), the admin token, the metrics token. */
type Auth = "public" | "staff" | "admin" | "metrics";

interface Response {
  description: string;
  schema?: ZodType;
  /** Default application/json. */
  contentType?: string;
}

export interface Operation {
  method: Method;
  /** Hono style: /api/sources/:chunkId */
  path: string;
  summary: string;
  tag: "Frågor" | "Källor" | "Drift" | "OpenAI" | "Administration" | "Inloggning" | "Webb";
  auth: Auth;
  body?: { schema: ZodType; contentType?: string };
  query?: z.ZodObject;
  responses: Record<number, Response>;
  /** Also reachable with another method (e.g. GET and POST /auth/logout). */
  alsoMethods?: Method[];
}

const errorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string().describe("In Swedish, for the reader."), requestId: z.string() }) })
  .meta({ id: "Error" });

/** What /api/ask answers (src/core/schemas.ts `Answer`); a test checks real answers against it. */
export const answerSchema = z
  .object({
    answer: z.string().describe("The answer with [n] citation markers, or the abstention sentence."),
    abstained: z.boolean(),
    uncertain: z.boolean().optional(),
    confidence: z.number().min(0).max(1).optional(),
    citations: z.array(
      citationSchema.extend({ alsoIn: z.array(z.object({ documentId: z.string(), source: z.string(), title: z.string() })).optional() }).loose(),
    ),
    retrieved: z.array(z.object({ chunkId: z.string(), documentId: z.string(), source: z.string(), title: z.string(), section: z.string(), page: z.number().int().nullable(), score: z.number(), text: z.string() }).loose()).optional(),
    signals: z.record(z.string(), z.union([z.number(), z.boolean()])).optional(),
    notices: z.array(z.string()),
    piiWarning: z.string().optional(),
    mode: z.enum(["extractive", "generative"]).optional(),
    removedClaims: z.array(z.string()).optional(),
    timingMs: z.number(),
  })
  .loose()
  .meta({ id: "Answer" });

const healthSchema = z.object({
  status: z.literal("ok"),
  documents: z.number().int(),
  chunks: z.number().int(),
  manifest: z.record(z.string(), z.unknown()).optional().describe("Only with the admin token: version, build time, embedder, analyzer."),
});
const readySchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  reason: z.string().optional(),
  checks: z.array(z.object({ name: z.enum(["index", "database"]), ok: z.boolean(), reason: z.string().optional() })),
});
const jobAccepted = z.object({ jobId: z.string() }).loose();
const json = (description: string, schema?: ZodType): Response => ({ description, ...(schema ? { schema } : {}) });
const any = z.record(z.string(), z.unknown());

export const OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/api/ask",
    summary: "Answer a question from the routines, with citations (JSON, or server-sent events with Accept: text/event-stream).",
    tag: "Frågor",
    auth: "staff",
    body: { schema: askRequestSchema },
    responses: { 200: { description: "The answer. With Accept: text/event-stream: events token, citations, done, error.", schema: answerSchema } },
  },
  {
    method: "get",
    path: "/api/sources/:chunkId",
    summary: "A cited passage with the text around it (404 also for a collection the caller may not read).",
    tag: "Källor",
    auth: "staff",
    responses: { 200: json("The passage.", any) },
  },
  {
    method: "get",
    path: "/api/documents/:documentId/file",
    summary: "The original file (PDF inline, other formats as download, HTML as plain text).",
    tag: "Källor",
    auth: "staff",
    responses: { 200: { description: "The file.", contentType: "application/octet-stream" } },
  },
  { method: "get", path: "/api/collections", summary: "The collections (units) the caller may read.", tag: "Källor", auth: "staff", responses: { 200: json("Collections.", any) } },
  { method: "get", path: "/api/examples", summary: "Example questions for this deployment (optionally ?unit=).", tag: "Källor", auth: "staff", query: z.object({ unit: z.string().optional() }), responses: { 200: json("Examples.", any) } },
  { method: "post", path: "/api/feedback", summary: "Thumbs up or down on an answer, with an optional comment (masked before it is stored).", tag: "Frågor", auth: "staff", body: { schema: feedbackRequestSchema }, responses: { 201: json("Stored.", z.object({ id: z.string() })) } },
  { method: "get", path: "/api/health", summary: "Liveness: status and counts; index details only with the admin token.", tag: "Drift", auth: "public", responses: { 200: json("Alive.", healthSchema) } },
  {
    method: "get",
    path: "/api/ready",
    summary: "Readiness: 200 when an index is loaded and the configured database answers.",
    tag: "Drift",
    auth: "public",
    responses: { 200: json("Ready.", readySchema), 503: json("Not ready; reason says why.", readySchema) },
  },
  { method: "get", path: "/api/openapi.json", summary: "This description.", tag: "Drift", auth: "public", responses: { 200: json("OpenAPI 3.1 document.", any) } },
  {
    method: "get",
    path: "/metrics",
    summary: "Prometheus metrics: requests and latency per route, answers and abstentions, ingest jobs, index version and size.",
    tag: "Drift",
    auth: "metrics",
    responses: { 200: { description: "Prometheus text format 0.0.4.", contentType: "text/plain; version=0.0.4" } },
  },
  { method: "get", path: "/v1/models", summary: "OpenAI API: the one model, rutinsvar.", tag: "OpenAI", auth: "staff", responses: { 200: json("Model list.", modelListSchema) } },
  {
    method: "post",
    path: "/v1/chat/completions",
    summary: "OpenAI chat API: the last user message answered from the routines; [n] markers and a sources list in the text. stream: true sends chat.completion.chunk events ending with [DONE].",
    tag: "OpenAI",
    auth: "staff",
    body: { schema: chatCompletionRequestSchema },
    responses: {
      200: { description: "A chat completion, or with stream: true server-sent events (data: chat.completion.chunk … data: [DONE]).", schema: chatCompletionSchema },
    },
  },
  { method: "get", path: "/auth/me", summary: "The signed-in member of staff and the sign-in mode.", tag: "Inloggning", auth: "staff", responses: { 200: json("User.", any) } },
  { method: "get", path: "/auth/login", summary: "AUTH_MODE=oidc: starts the sign-in at the identity provider.", tag: "Inloggning", auth: "public", responses: { 302: { description: "Redirect to the identity provider." } } },
  { method: "get", path: "/auth/callback", summary: "AUTH_MODE=oidc: the identity provider's redirect back; sets the session cookie.", tag: "Inloggning", auth: "public", responses: { 302: { description: "Redirect to the chat." } } },
  { method: "get", path: "/auth/logout", alsoMethods: ["post"], summary: "AUTH_MODE=oidc: ends the session.", tag: "Inloggning", auth: "public", responses: { 302: { description: "Redirect." } } },
  { method: "get", path: "/admin", summary: "The admin page.", tag: "Webb", auth: "public", responses: { 200: { description: "HTML.", contentType: "text/html" } } },
  { method: "get", path: "/", summary: "The staff chat page (AUTH_MODE=oidc: redirects to the sign-in without a session).", tag: "Webb", auth: "public", responses: { 200: { description: "HTML.", contentType: "text/html" } } },
  { method: "get", path: "/index.html", summary: "The staff chat page.", tag: "Webb", auth: "public", responses: { 200: { description: "HTML.", contentType: "text/html" } } },
  {
    method: "get",
    path: "/api/admin/documents",
    summary: "Every document with metadata, warnings and overdue flag (paged: page, pageSize, q, unit, status, sort).",
    tag: "Administration",
    auth: "admin",
    responses: { 200: json("Documents.", any) },
  },
  {
    method: "post",
    path: "/api/admin/documents",
    summary: "Upload one or more documents (multipart, field file, optional metadata fields) → 202 with the job id.",
    tag: "Administration",
    auth: "admin",
    body: { schema: z.object({ file: z.array(z.string().meta({ format: "binary" })), title: z.string().optional(), folder: z.string().optional() }).loose(), contentType: "multipart/form-data" },
    responses: { 202: json("Job started.", jobAccepted), 409: json("Busy, duplicate, corpus mismatch or removal needing confirmation.", errorSchema) },
  },
  { method: "patch", path: "/api/admin/documents/:documentId", summary: "Edit a document's metadata → 202 with the job id.", tag: "Administration", auth: "admin", body: { schema: patchSchema }, responses: { 202: json("Job started.", jobAccepted) } },
  { method: "delete", path: "/api/admin/documents/:documentId", summary: "Remove a document → 202 with the job id (?confirm=true past MAX_REMOVAL_SHARE).", tag: "Administration", auth: "admin", responses: { 202: json("Job started.", jobAccepted) } },
  { method: "post", path: "/api/admin/reindex", summary: "Re-ingest changed documents, or all with {full: true}.", tag: "Administration", auth: "admin", body: { schema: reindexSchema }, responses: { 202: json("Job started.", jobAccepted) } },
  { method: "post", path: "/api/admin/index/restore-previous", summary: "Switch back to the previous index version.", tag: "Administration", auth: "admin", responses: { 200: json("Restored.", any) } },
  { method: "get", path: "/api/admin/jobs", summary: "Ingest jobs, newest first.", tag: "Administration", auth: "admin", responses: { 200: json("Jobs.", any) } },
  { method: "get", path: "/api/admin/jobs/:id", summary: "One ingest job with progress and per-file results.", tag: "Administration", auth: "admin", responses: { 200: json("Job.", any) } },
  { method: "get", path: "/api/admin/audit", summary: "The administration audit log.", tag: "Administration", auth: "admin", responses: { 200: json("Entries.", any) } },
  { method: "get", path: "/api/admin/audit.csv", summary: "The audit trail (questions masked, admin actions) as CSV; ?from=YYYY-MM-DD.", tag: "Administration", auth: "admin", responses: { 200: { description: "CSV.", contentType: "text/csv" } } },
  { method: "get", path: "/api/admin/feedback", summary: "Answer feedback to review (?rating=up|down).", tag: "Administration", auth: "admin", responses: { 200: json("Feedback.", any) } },
  { method: "get", path: "/api/admin/feedback.csv", summary: "Answer feedback as CSV.", tag: "Administration", auth: "admin", responses: { 200: { description: "CSV.", contentType: "text/csv" } } },
];

/** JSON Schema 2020-12 of a zod schema; named schemas (`.meta({id})`) go to components. */
function jsonSchema(schema: ZodType, io: "input" | "output", components: Record<string, unknown>): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12", reused: "inline" }) as Record<string, unknown>;
  delete out.$schema;
  const id = (schema.meta() as { id?: string } | undefined)?.id;
  if (id) {
    delete out.id;
    components[id] = out;
    return { $ref: `#/components/schemas/${id}` };
  }
  return out;
}

const SECURITY: Record<Auth, Record<string, string[]>[]> = {
  public: [],
  staff: [{ staffToken: [] }, { session: [] }, {}],
  admin: [{ adminToken: [] }],
  metrics: [{ metricsToken: [] }, {}],
};

/** The OpenAPI 3.1 document. */
export function openApiDocument(options: { version?: string } = {}): Record<string, unknown> {
  const components: Record<string, unknown> = {};
  const errorRef = jsonSchema(errorSchema, "output", components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const path = op.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const params = [...op.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    if (op.query) {
      const q = jsonSchema(op.query, "input", components) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) params.push({ name, in: "query", required: (q.required ?? []).includes(name), schema: schema as { type: string } });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.schema || r.contentType ? { content: { [r.contentType ?? "application/json"]: r.schema ? { schema: jsonSchema(r.schema, "output", components) } : {} } } : {}),
      };
    }
    const errors: Record<string, string> = { 400: "Invalid request.", 429: "Too many requests (Retry-After).", 500: "Unexpected error (no details)." };
    if (op.auth === "staff" || op.auth === "admin" || op.auth === "metrics") errors[401] = "Not signed in, or wrong token.";
    if (op.auth === "admin") errors[403] = "The admin API is off (no ADMIN_TOKEN).";
    if (op.path.includes(":")) errors[404] = "Not found (also for what the caller may not read).";
    for (const [status, description] of Object.entries(errors)) {
      responses[status] ??= { description, content: { "application/json": { schema: errorRef } } };
    }
    const operation = {
      operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ""))}`,
      summary: op.summary,
      tags: [op.tag],
      security: SECURITY[op.auth],
      ...(params.length > 0 ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: { [op.body.contentType ?? "application/json"]: { schema: jsonSchema(op.body.schema, "input", components) } } } } : {}),
      responses,
    };
    for (const method of [op.method, ...(op.alsoMethods ?? [])]) {
      (paths[path] ??= {})[method] = method === op.method ? operation : { ...operation, operationId: `${operation.operationId}${method[0]!.toUpperCase()}${method.slice(1)}` };
    }
  }
  // The streamed chunk and chat turn are referenced from descriptions; keep them in components for clients.
  components.ChatCompletionChunk = jsonSchema(chatCompletionChunkSchema, "output", {});
  components.ChatTurn = jsonSchema(chatTurnSchema, "input", {});
  return {
    openapi: "3.1.0",
    info: {
      title: "Rutinsvar",
      version: options.version ?? "0.1.0",
      description: "Answers social-services staff's questions from their routine documents, with citations. Errors: {error: {code, message, requestId}}; every response carries x-request-id.",
    },
    tags: ["Frågor", "Källor", "OpenAI", "Drift", "Inloggning", "Administration", "Webb"].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        staffToken: { type: "http", scheme: "bearer", description: "AUTH_MODE=token: a staff token from AUTH_TOKENS_FILE (also the API key of an OpenAI-compatible front end)." },
        session: { type: "apiKey", in: "cookie", name: "rutinsvar_session", description: "AUTH_MODE=oidc: the signed session cookie. AUTH_MODE=proxy: the trusted proxy's user headers instead; AUTH_MODE=none: no sign-in (loopback only)." },
        adminToken: { type: "http", scheme: "bearer", description: "ADMIN_TOKEN." },
        metricsToken: { type: "http", scheme: "bearer", description: "METRICS_TOKEN, when set." },
      },
    },
  };
}

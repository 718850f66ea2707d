/**
 * /api/admin: documents (list, upload, edit metadata, delete), re-ingest
 * jobs, the audit log and answer feedback. Every route needs the admin token
 * (admin-auth.ts); every change is written to the audit log, refusals too.
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import {
  findCorpusFile,
  metadataFrom,
  planUpload,
  readSidecarOf,
  removeCorpusFile,
  writeSidecar,
  writeUpload,
  UploadError,
  METADATA_FIELDS,
} from "../../admin/corpus-files.js";
import { diskHashes, DOCUMENT_SORTS, DOCUMENT_STATUSES, latestIngestJob, listDocuments, MAX_PAGE_SIZE, queryDocuments } from "../../admin/documents.js";
import { checkRemoval, corpusMismatch, estimateRemoval, RemovalNeedsConfirmationError } from "../../admin/index-guard.js";
import { listIndexVersions, NoPreviousVersionError, restorePreviousVersion, type Restored } from "../../admin/index-versions.js";
import type { IngestFunctions } from "../../admin/ingest-functions.js";
import { JobBusyError, type JobHandle, type JobRunner } from "../../admin/job-runner.js";
import type { DiscoveredFile } from "../../core/corpus-folder.js";
import { AppError, NotFoundError, ValidationError } from "../../core/errors.js";
import type { DocumentMetadata } from "../../core/schemas.js";
import type { Stores } from "../../store/index.js";
import { feedbackCsv } from "../../store/feedback.js";
import { ADMIN_ACTOR, requireAdmin } from "../admin-auth.js";
import type { AppDeps } from "../types.js";
import { errorBody } from "../on-error.js";
import { validate } from "../validate.js";

/** What the audit log records about the current request; set by the handler. */
interface AuditNote {
  action: string;
  target: string | null;
  detail?: Record<string, unknown>;
}

type AdminEnv = { Variables: { requestId: string; audit: AuditNote | undefined; authenticated: boolean } };

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Default audit wording per route when the handler did not get far enough to say more. */
function defaultNote(c: Context<AdminEnv>): AuditNote {
  const p = c.req.path.replace(/^.*\/api\/admin/, "");
  if (p.startsWith("/documents") && c.req.method === "POST") return { action: "ladda upp", target: null };
  if (p.startsWith("/documents") && c.req.method === "DELETE") return { action: "ta bort", target: c.req.param("documentId") ?? p };
  if (p.startsWith("/documents") && c.req.method === "PATCH") return { action: "ändra metadata", target: c.req.param("documentId") ?? p };
  if (p.startsWith("/reindex")) return { action: "indexera om", target: null };
  if (p.startsWith("/index/restore-previous")) return { action: "återställ föregående indexversion", target: null };
  return { action: `${c.req.method} ${p}`, target: null };
}

export const patchSchema = z
  .object(Object.fromEntries(METADATA_FIELDS.map((f) => [f, z.string().max(500).nullable().optional()])) as Record<(typeof METADATA_FIELDS)[number], z.ZodOptional<z.ZodNullable<z.ZodString>>>)
  .strict();

export const reindexSchema = z.object({ full: z.boolean().optional() }).strict();

/** Multipart overhead allowed on top of MAX_UPLOAD_BYTES (boundaries, metadata fields). */
const MULTIPART_OVERHEAD = 256 * 1024;

function uploadsFrom(value: unknown): File[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is File => typeof v === "object" && v !== null && "arrayBuffer" in v);
}

function text(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" ? v : undefined;
}

export function adminRoutes(deps: Pick<AppDeps, "config" | "answers" | "log" | "stores" | "jobs" | "ingest">) {
  const { config } = deps;
  const app = new Hono<AdminEnv>();

  // Audit first, so refused attempts (no token, wrong token) are recorded as well.
  app.use("*", async (c, next) => {
    await next();
    const stores = deps.stores;
    if (!stores || !MUTATING.has(c.req.method)) return;
    const note = c.get("audit") ?? defaultNote(c);
    const status = c.res.status;
    let result = "ok";
    if (status >= 400) {
      const body = (await c.res
        .clone()
        .json()
        .catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      result = `nekad (${status} ${body?.error?.code ?? ""}): ${body?.error?.message ?? ""}`.trim();
    }
    try {
      await stores.audit.record({ actor: c.get("authenticated") ? ADMIN_ACTOR : "okänd", action: note.action, target: note.target, result, detail: note.detail ?? null });
    } catch (err) {
      deps.log("audit log write failed", err);
    }
  });
  app.use("*", requireAdmin(config.adminToken));
  app.use("*", async (c, next) => {
    c.set("authenticated", true);
    c.header("Cache-Control", "no-store");
    if (!deps.stores || !deps.jobs || !deps.ingest) {
      return c.json(errorBody(c, "admin_unavailable", "Administrationen är inte tillgänglig: tjänsten startades utan databas och jobbkö."), 503);
    }
    await next();
  });

  const stores = (): Stores => deps.stores!;
  const jobs = (): JobRunner => deps.jobs!;
  const ingest = (): IngestFunctions => deps.ingest!;

  /** Reserves the job slot or answers 409 with the running job's id. */
  async function beginJob(c: Context<AdminEnv>, kind: Parameters<JobRunner["begin"]>[0], description: string): Promise<JobHandle | Response> {
    try {
      return await jobs().begin(kind, description, ADMIN_ACTOR);
    } catch (err) {
      if (err instanceof JobBusyError) return c.json({ ...errorBody(c, err.code, err.message), jobId: err.jobId }, 409);
      throw err;
    }
  }

  async function busy(c: Context<AdminEnv>): Promise<Response | null> {
    const active = await jobs().active();
    return active ? c.json({ ...errorBody(c, "job_running", new JobBusyError(active.id).message), jobId: active.id }, 409) : null;
  }

  /** The request repeats a refused change with explicit confirmation (same for every job route). */
  const confirmed = (c: Context<AdminEnv>): boolean => c.req.query("confirm") === "true";

  /** 409 corpus_mismatch naming both folders, or null when the configured corpus is the one the index was built from. */
  function mismatch(c: Context<AdminEnv>): Response | null {
    const err = corpusMismatch(config.corpusDir, deps.answers().index.manifest);
    if (!err) return null;
    return c.json({ ...errorBody(c, err.code, err.message), configuredCorpusDir: err.configuredCorpusDir, indexCorpusDir: err.indexCorpusDir }, 409);
  }

  /**
   * 409 confirm_removal with the counts when the job would remove more than
   * MAX_REMOVAL_SHARE of the documents (the manifest against what discovery
   * finds in the corpus folder, with the request's own change) and the request
   * did not confirm it; null when the job may start.
   */
  async function removalGuard(c: Context<AdminEnv>, change: Parameters<typeof estimateRemoval>[2] = {}, corpus?: DiscoveredFile[]): Promise<Response | null> {
    const estimate = estimateRemoval(deps.answers().index.manifest, corpus ?? (await ingest().discover(config.corpusDir)), change);
    try {
      checkRemoval(estimate, config.maxRemovalShare, confirmed(c));
      return null;
    } catch (err) {
      if (!(err instanceof RemovalNeedsConfirmationError)) throw err;
      const { before, after, removed, sources } = err.estimate;
      const note = c.get("audit");
      if (note) c.set("audit", { ...note, detail: { ...note.detail, before, after, removed } });
      return c.json({ ...errorBody(c, err.code, err.message), before, after, removed, maxShare: err.maxShare, sources }, 409);
    }
  }

  const listQuery = z.object({
    page: z.coerce.number().int().min(1).optional(),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
    q: z.string().max(200).optional(),
    unit: z.string().max(300).optional(),
    status: z.enum(DOCUMENT_STATUSES as [string, ...string[]]).optional(),
    sort: z.enum(DOCUMENT_SORTS as [string, ...string[]]).optional(),
  });

  app.get("/documents", validate("query", listQuery), async (c) => {
    const index = deps.answers().index;
    // The index's own folder, not CORPUS_DIR: only it says whether an indexed document changed or went away.
    const corpus = await ingest().discover(index.manifest.corpusDir).catch(() => []);
    const documents = listDocuments(index, corpus, latestIngestJob(await jobs().list(10)), undefined, await diskHashes(corpus));
    const query = c.req.valid("query") as Parameters<typeof queryDocuments>[1];
    const overdue = documents.filter((d) => d.overdue);
    const versions = await listIndexVersions(config).catch((err: unknown) => {
      deps.log("could not list the index versions", err);
      return { previous: null };
    });
    const corpusError = corpusMismatch(config.corpusDir, index.manifest);
    return c.json({
      ...queryDocuments(documents, query),
      overdue: overdue.map((d) => d.id),
      // The first 100 overdue routines for the "Att revidera" list, earliest date first.
      overdueDocuments: queryDocuments(overdue, { sort: "review", pageSize: MAX_PAGE_SIZE }).documents,
      index: {
        version: index.manifest.version,
        builtAt: index.manifest.builtAt,
        documents: index.manifest.counts.documents,
        chunks: index.manifest.counts.chunks,
        previous: versions.previous ? { version: versions.previous.version, builtAt: versions.previous.builtAt, documents: versions.previous.documents } : null,
      },
      // A non-null `mismatch` means every document change is refused (409 corpus_mismatch) until the service is restarted.
      corpus: { configured: config.corpusDir, indexed: index.manifest.corpusDir, mismatch: corpusError ? corpusError.message : null },
      maxRemovalShare: config.maxRemovalShare,
      activeJob: await jobs().active(),
      maxUploadBytes: config.maxUploadBytes,
    });
  });

  app.post(
    "/documents",
    bodyLimit({
      maxSize: config.maxUploadBytes + MULTIPART_OVERHEAD,
      onError: (c) => c.json(errorBody(c, "payload_too_large", `Uppladdningen är för stor (högst ${(config.maxUploadBytes / 1024 / 1024).toFixed(1)} MB).`), 413),
    }),
    async (c) => {
      c.set("audit", { action: "ladda upp", target: null });
      const early = (await busy(c)) ?? mismatch(c);
      if (early) return early;
      const contentType = c.req.header("content-type") ?? "";
      if (!contentType.startsWith("multipart/form-data")) throw new ValidationError("Skicka filerna som multipart/form-data i fältet file.");
      const form = await c.req.parseBody({ all: true });
      const files = uploadsFrom(form["file"]);
      if (files.length === 0) throw new ValidationError("Ingen fil bifogades (fältet file saknas).");
      const names = files.map((f) => f.name);
      c.set("audit", { action: "ladda upp", target: names.join(", ") });
      if (text(form["title"]) && files.length > 1) throw new ValidationError("Titel kan bara anges när en enda fil laddas upp.");
      const total = files.reduce((n, f) => n + f.size, 0);
      if (total > config.maxUploadBytes) {
        throw new UploadError("payload_too_large", `Uppladdningen är för stor (${(total / 1024 / 1024).toFixed(1)} MB; högst ${(config.maxUploadBytes / 1024 / 1024).toFixed(1)} MB).`, 413);
      }
      const metadata: DocumentMetadata = metadataFrom(ingest(), Object.fromEntries(METADATA_FIELDS.map((f) => [f, text(form[f])])), "uppladdningen");
      const uploads = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const plan = await planUpload(ingest(), config.corpusDir, uploads, { folder: text(form["folder"]), maxBytes: config.maxUploadBytes });
      const duplicates = plan.duplicates.map((d) => ({ file: d.originalName, duplicateOf: d.duplicateOf }));
      if (plan.files.length === 0) {
        c.set("audit", { action: "ladda upp", target: names.join(", "), detail: { duplicates } });
        const list = duplicates.map((d) => `${d.file} är identisk med ${d.duplicateOf}`).join("; ");
        return c.json({ ...errorBody(c, "duplicate", `Inget nytt att läsa in: ${list}.`), duplicates, duplicateOf: duplicates[0]?.duplicateOf }, 409);
      }
      const removal = await removalGuard(c, { adds: plan.files.map((f) => f.source) });
      if (removal) return removal;
      const description = `Ladda upp ${plan.files.map((f) => f.source).join(", ")}`;
      const job = await beginJob(c, "upload", description);
      if (job instanceof Response) return job;
      try {
        await writeUpload(ingest(), config.corpusDir, plan, metadata);
      } catch (err) {
        await job.abandon(err);
        throw err;
      }
      void job.run({ reparse: new Set(plan.files.map((f) => f.source)) });
      const files_ = plan.files.map((f) => ({ file: f.originalName, source: f.source, documentId: f.documentId, replaced: f.replaces, warnings: f.parsed.warnings }));
      c.set("audit", { action: "ladda upp", target: plan.files.map((f) => f.source).join(", "), detail: { jobId: job.id, files: files_, duplicates } });
      return c.json({ jobId: job.id, files: files_, duplicates }, 202);
    },
  );

  app.patch("/documents/:documentId", validate("json", patchSchema), async (c) => {
    const id = c.req.param("documentId");
    const changes = c.req.valid("json");
    c.set("audit", { action: "ändra metadata", target: id, detail: { changes } });
    const early = (await busy(c)) ?? mismatch(c);
    if (early) return early;
    const file = await findCorpusFile(ingest(), config.corpusDir, id);
    if (!file) throw new NotFoundError("Dokumentet", id);
    const removal = await removalGuard(c);
    if (removal) return removal;
    const current = await readSidecarOf(ingest(), file.path);
    const merged: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      if (value === null || value.trim() === "") delete merged[key];
      else merged[key] = value;
    }
    const metadata = metadataFrom(ingest(), merged, file.source);
    const job = await beginJob(c, "metadata", `Ändra metadata för ${file.source}`);
    if (job instanceof Response) return job;
    try {
      await writeSidecar(file.path, metadata);
    } catch (err) {
      await job.abandon(err);
      throw err;
    }
    // Parsed again so a removed field does not live on from the previous version.
    void job.run({ reparse: new Set([file.source]) });
    c.set("audit", { action: "ändra metadata", target: `${file.source} (${id})`, detail: { jobId: job.id, changes, metadata } });
    return c.json({ jobId: job.id, documentId: id, source: file.source, metadata }, 202);
  });

  app.delete("/documents/:documentId", async (c) => {
    const id = c.req.param("documentId");
    c.set("audit", { action: "ta bort", target: id });
    const early = (await busy(c)) ?? mismatch(c);
    if (early) return early;
    const corpus = await ingest().discover(config.corpusDir);
    const file = corpus.find((f) => deps.answers().index.getDocument(id)?.source === f.source) ?? (await findCorpusFile(ingest(), config.corpusDir, id));
    if (!file) throw new NotFoundError("Dokumentet", id);
    if (corpus.filter((f) => f.supported).length <= 1 && file.supported) {
      throw new AppError("last_document", "Det sista dokumentet kan inte tas bort: indexet skulle bli tomt. Ladda upp ett nytt dokument först.", 422);
    }
    // The document asked for is removed knowingly; the guard counts the others that would go with it.
    const removal = await removalGuard(c, { removes: [file.source] }, corpus);
    if (removal) return removal;
    const job = await beginJob(c, "delete", `Ta bort ${file.source}`);
    if (job instanceof Response) return job;
    try {
      await removeCorpusFile(config.corpusDir, file);
    } catch (err) {
      await job.abandon(err);
      throw err;
    }
    void job.run();
    c.set("audit", { action: "ta bort", target: `${file.source} (${id})`, detail: { jobId: job.id } });
    return c.json({ jobId: job.id, documentId: id, source: file.source }, 202);
  });

  app.post("/reindex", async (c) => {
    let full = false;
    if ((c.req.header("content-type") ?? "").includes("json")) {
      const parsed = reindexSchema.safeParse(await c.req.json().catch(() => ({})));
      if (!parsed.success) throw new ValidationError("Ogiltig förfrågan: endast {\"full\": true|false} stöds.");
      full = parsed.data.full === true;
    }
    c.set("audit", { action: full ? "indexera om (fullständigt)" : "indexera om", target: null });
    const early = mismatch(c) ?? (await removalGuard(c));
    if (early) return early;
    const job = await beginJob(c, "reindex", full ? "Läs in hela korpusen på nytt" : "Läs in ändrade dokument");
    if (job instanceof Response) return job;
    void job.run(full ? { reparse: "all" } : {});
    c.set("audit", { action: full ? "indexera om (fullständigt)" : "indexera om", target: null, detail: { jobId: job.id } });
    return c.json({ jobId: job.id }, 202);
  });

  /**
   * Switches the served index back to the previous version (atomically, like
   * a publish) and reloads it through the job runner, so it takes the job slot
   * (409 while a job runs) and is recorded with documents before and after.
   */
  app.post("/index/restore-previous", async (c) => {
    c.set("audit", { action: "återställ föregående indexversion", target: null });
    const early = await busy(c);
    if (early) return early;
    const { previous } = await listIndexVersions(config);
    if (!previous) throw new NoPreviousVersionError();
    const job = await beginJob(c, "restore", `Återställ föregående indexversion (${previous.documents} dokument)`);
    if (job instanceof Response) return job;
    let switched: Restored | undefined;
    let refused: unknown;
    const done = await job.runTask(
      async () => {
        try {
          switched = await restorePreviousVersion(config, deps.answers().index.manifest);
        } catch (err) {
          refused = err;
          throw err;
        }
      },
      () => switched?.undo() ?? Promise.resolve(),
    );
    const from = switched ? { version: switched.from?.version ?? null, documents: switched.from?.documents ?? null } : null;
    const to = switched ? { version: switched.to.version, documents: switched.to.documents } : null;
    c.set("audit", { action: "återställ föregående indexversion", target: switched?.to.version ?? previous.version, detail: { jobId: job.id, from, to, documents: done.documents } });
    // Nothing switched (no previous version after all, or another build): the refusal as it is.
    if (refused instanceof AppError) return c.json({ ...errorBody(c, refused.code, refused.message), jobId: job.id }, refused.status as 409);
    if (done.status !== "succeeded" || !switched) {
      return c.json({ ...errorBody(c, "restore_failed", `Indexversionen kunde inte återställas; den tidigare används fortfarande: ${done.error ?? "okänt fel"}`), jobId: job.id }, 500);
    }
    const served = deps.answers().index.manifest;
    return c.json({
      jobId: job.id,
      before: { version: switched.from?.version ?? null, documents: done.documents?.before ?? switched.from?.documents ?? null },
      after: { version: served.version, documents: served.counts.documents },
      job: done,
    });
  });

  app.get("/jobs", async (c) => c.json({ jobs: await jobs().list(Number(c.req.query("limit") ?? 50) || 50), active: await jobs().active() }));
  app.get("/jobs/:id", async (c) => {
    const job = await jobs().get(c.req.param("id"));
    if (!job) throw new NotFoundError("Jobbet", c.req.param("id"));
    return c.json(job);
  });

  app.get("/audit", async (c) => {
    const limit = Math.min(1000, Math.max(1, Number(c.req.query("limit") ?? 200) || 200));
    return c.json({ entries: await stores().audit.list({ limit }) });
  });

  app.get("/feedback", async (c) => {
    const rating = c.req.query("rating");
    const entries = await stores().feedback.list(rating === "up" || rating === "down" ? { rating } : {});
    return c.json({ entries, counts: { down: entries.filter((e) => e.rating === "down").length, up: entries.filter((e) => e.rating === "up").length } });
  });
  app.get("/feedback.csv", async (c) => {
    const csv = feedbackCsv(await stores().feedback.list());
    return c.body(csv, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="rutinsvar-aterkoppling-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    });
  });

  return app;
}

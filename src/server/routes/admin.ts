/**
 * /api/admin: documents (list, upload, edit metadata, delete), re-ingest
 * jobs, the audit log and answer feedback. Every route needs the admin token
 * (admin-auth.ts); every change is written to the audit log, refusals too.
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { discoverFiles } from "../../../ingest/discover.js";
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
import { listDocuments } from "../../admin/documents.js";
import { JobBusyError, type JobHandle, type JobRunner } from "../../admin/job-runner.js";
import { AppError, NotFoundError, ValidationError } from "../../core/errors.js";
import type { DocumentMetadata } from "../../core/schemas.js";
import type { Stores } from "../../store/index.js";
import { feedbackCsv } from "../../store/feedback.js";
import { ADMIN_ACTOR, requireAdmin } from "../admin-auth.js";
import type { AppDeps } from "../app.js";
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
  return { action: `${c.req.method} ${p}`, target: null };
}

const patchSchema = z
  .object(Object.fromEntries(METADATA_FIELDS.map((f) => [f, z.string().max(500).nullable().optional()])) as Record<(typeof METADATA_FIELDS)[number], z.ZodOptional<z.ZodNullable<z.ZodString>>>)
  .strict();

const reindexSchema = z.object({ full: z.boolean().optional() }).strict();

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

export function adminRoutes(deps: AppDeps) {
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
    if (!deps.stores || !deps.jobs) {
      return c.json(errorBody(c, "admin_unavailable", "Administrationen är inte tillgänglig: tjänsten startades utan databas och jobbkö."), 503);
    }
    await next();
  });

  const stores = (): Stores => deps.stores!;
  const jobs = (): JobRunner => deps.jobs!;

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

  app.get("/documents", async (c) => {
    const index = deps.answers().index;
    const corpus = await discoverFiles(config.corpusDir).catch(() => []);
    const [lastJob] = await jobs().list(1);
    const documents = listDocuments(index, corpus, lastJob);
    return c.json({
      documents,
      overdue: documents.filter((d) => d.overdue).map((d) => d.id),
      index: { version: index.manifest.version, builtAt: index.manifest.builtAt, documents: index.manifest.counts.documents, chunks: index.manifest.counts.chunks },
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
      const early = await busy(c);
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
      const metadata: DocumentMetadata = metadataFrom(Object.fromEntries(METADATA_FIELDS.map((f) => [f, text(form[f])])), "uppladdningen");
      const uploads = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const plan = await planUpload(config.corpusDir, uploads, { folder: text(form["folder"]), maxBytes: config.maxUploadBytes });
      const duplicates = plan.duplicates.map((d) => ({ file: d.originalName, duplicateOf: d.duplicateOf }));
      if (plan.files.length === 0) {
        c.set("audit", { action: "ladda upp", target: names.join(", "), detail: { duplicates } });
        const list = duplicates.map((d) => `${d.file} är identisk med ${d.duplicateOf}`).join("; ");
        return c.json({ ...errorBody(c, "duplicate", `Inget nytt att läsa in: ${list}.`), duplicates, duplicateOf: duplicates[0]?.duplicateOf }, 409);
      }
      const description = `Ladda upp ${plan.files.map((f) => f.source).join(", ")}`;
      const job = await beginJob(c, "upload", description);
      if (job instanceof Response) return job;
      try {
        await writeUpload(config.corpusDir, plan, metadata);
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
    const early = await busy(c);
    if (early) return early;
    const file = await findCorpusFile(config.corpusDir, id);
    if (!file) throw new NotFoundError("Dokumentet", id);
    const current = await readSidecarOf(file.path);
    const merged: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      if (value === null || value.trim() === "") delete merged[key];
      else merged[key] = value;
    }
    const metadata = metadataFrom(merged, file.source);
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
    const early = await busy(c);
    if (early) return early;
    const corpus = await discoverFiles(config.corpusDir);
    const file = corpus.find((f) => deps.answers().index.getDocument(id)?.source === f.source) ?? (await findCorpusFile(config.corpusDir, id));
    if (!file) throw new NotFoundError("Dokumentet", id);
    if (corpus.filter((f) => f.supported).length <= 1 && file.supported) {
      throw new AppError("last_document", "Det sista dokumentet kan inte tas bort: indexet skulle bli tomt. Ladda upp ett nytt dokument först.", 422);
    }
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
    const job = await beginJob(c, "reindex", full ? "Läs in hela korpusen på nytt" : "Läs in ändrade dokument");
    if (job instanceof Response) return job;
    void job.run(full ? { reparse: "all" } : {});
    c.set("audit", { action: full ? "indexera om (fullständigt)" : "indexera om", target: null, detail: { jobId: job.id } });
    return c.json({ jobId: job.id }, 202);
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

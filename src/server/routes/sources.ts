/**
 * The source view: a cited chunk with the text around it, and the original file.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { Hono } from "hono";
import { accessFor } from "../../access/access-policy.js";
import { NotFoundError } from "../../core/errors.js";
import { citationUrl, sectionOf } from "../../core/citations.js";
import type { AppDeps, AppEnv } from "../types.js";
import { documentDetails } from "../citation-details.js";

/** Characters of document text shown before and after a chunk. */
const CONTEXT_CHARS = 600;

const CONTENT_TYPES: Record<string, string> = {
  ".pdf": "application/pdf",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".markdown": "text/markdown; charset=utf-8",
  ".txt": "text/plain",
};

export function sourceRoutes(deps: Pick<AppDeps, "answers" | "access">) {
  return new Hono<AppEnv>()
    .get("/sources/:chunkId", (c) => {
      const index = deps.answers().index;
      const chunkId = c.req.param("chunkId");
      const chunk = index.getChunk(chunkId);
      // 404, not 403, for a collection the user may not read: its existence is not revealed either.
      if (!chunk || !accessFor(deps.access, c.get("user"), index).chunk(chunk)) throw new NotFoundError("Avsnittet", chunkId);
      const doc = index.getDocument(chunk.documentId);
      const full = index.documentText(chunk.documentId) ?? chunk.text;
      const details = documentDetails(index, chunk.documentId);
      return c.json({
        chunkId: chunk.id,
        documentId: chunk.documentId,
        source: chunk.source,
        title: chunk.title,
        section: sectionOf(chunk),
        headingPath: chunk.headingPath,
        page: chunk.page,
        text: chunk.text,
        before: full.slice(Math.max(0, chunk.charStart - CONTEXT_CHARS), chunk.charStart),
        after: full.slice(chunk.charEnd, chunk.charEnd + CONTEXT_CHARS),
        charStart: chunk.charStart,
        charEnd: chunk.charEnd,
        url: citationUrl(chunk.documentId, chunk.page, doc?.format),
        version: doc?.metadata.version ?? null,
        reviewBy: doc?.metadata.reviewBy ?? null,
        owner: doc?.metadata.owner ?? null,
        // The unit and control block (src/server/citation-details.ts), for the source view's metadata.
        collection: details.collection ?? null,
        updatedOn: details.updatedOn ?? null,
        validUntil: details.validUntil ?? null,
        adoptedBy: doc?.metadata.adoptedBy ?? null,
        adoptedOn: doc?.metadata.adoptedOn ?? null,
        sourceUrl: details.sourceUrl ?? null,
      });
    })
    .get("/documents/:documentId/file", async (c) => {
      const index = deps.answers().index;
      const id = c.req.param("documentId");
      const doc = index.getDocument(id);
      const file = index.originalPath(id);
      if (!doc || !file || !accessFor(deps.access, c.get("user"), index).document(doc)) throw new NotFoundError("Dokumentet", id);
      const ext = path.extname(file).toLowerCase();
      const body = await fs.readFile(file);
      const type = CONTENT_TYPES[ext] ?? "application/octet-stream";
      const name = path.basename(doc.source);
      // HTML and Markdown from the corpus are shown as text, never rendered in our origin.
      const safeType = type.startsWith("text/html") ? "text/plain; charset=utf-8" : type;
      return c.body(new Uint8Array(body), 200, {
        "Content-Type": safeType,
        "Content-Disposition": `${ext === ".pdf" ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(name)}`,
        "X-Content-Type-Options": "nosniff",
      });
    });
}

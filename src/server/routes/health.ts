/**
 * GET /api/health: liveness, cheap (no database, no search). Everyone gets
 * the status and the document and passage counts (the chat page shows them);
 * how the index was built (version, embedder, analyzer) only with the admin
 * token, so an anonymous caller learns nothing about the configuration.
 * Readiness (index loaded, database answering) is GET /api/ready.
 */
import { Hono } from "hono";
import { bearerToken, tokenMatches } from "../admin-auth.js";
import type { AppDeps, AppEnv } from "../types.js";

export function healthRoutes(deps: Pick<AppDeps, "answers" | "config">) {
  return new Hono<AppEnv>().get("/", (c) => {
    const { manifest } = deps.answers().index;
    c.header("Cache-Control", "no-store");
    const body = { status: "ok", documents: manifest.counts.documents, chunks: manifest.counts.chunks };
    const token = bearerToken(c);
    const admin = deps.config.adminToken !== undefined && token !== null && tokenMatches(token, deps.config.adminToken);
    if (!admin) return c.json(body);
    return c.json({
      ...body,
      manifest: { version: manifest.version, builtAt: manifest.builtAt, embedder: manifest.embedder, analyzer: manifest.analyzer, pages: manifest.counts.pages },
    });
  });
}

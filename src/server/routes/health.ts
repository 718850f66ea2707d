import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../app.js";

export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get("/", (c) => {
    const { manifest } = deps.answers().index;
    return c.json({
      status: "ok",
      documents: manifest.counts.documents,
      chunks: manifest.counts.chunks,
      manifest: {
        version: manifest.version,
        builtAt: manifest.builtAt,
        embedder: manifest.embedder,
        analyzer: manifest.analyzer,
        pages: manifest.counts.pages,
      },
    });
  });
}

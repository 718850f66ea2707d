/**
 * createApp builds the HTTP application from its dependencies and has no side
 * effects; src/main.ts starts it. Tests call `app.request()` in process.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Config } from "../config/env.js";
import type { AnswerService } from "../query/answer.js";
import { errorBody, notFound, onError } from "./on-error.js";
import { askRoutes } from "./routes/ask.js";
import { healthRoutes } from "./routes/health.js";
import { sourceRoutes } from "./routes/sources.js";

export interface AppDeps {
  config: Config;
  /** The current answer service; a function so a re-ingest can swap it atomically. */
  answers: () => AnswerService;
  log: (msg: string, err?: unknown) => void;
}

export type AppEnv = { Variables: { requestId: string } };

const WEB_ROOT = path.relative(process.cwd(), path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web"));

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use("*", requestId());
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    }),
  );
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: deps.config.maxBodyBytes,
      onError: (c) => c.json(errorBody(c, "payload_too_large", "Förfrågan är för stor."), 413),
    }),
  );
  app.route("/api/ask", askRoutes(deps));
  app.route("/api/health", healthRoutes(deps));
  app.route("/api", sourceRoutes(deps));
  app.all("/api/*", notFound);
  app.use("/*", serveStatic({ root: WEB_ROOT }));
  app.notFound(notFound);
  app.onError(onError(deps.log));
  return app;
}

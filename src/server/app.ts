/**
 * createApp builds the HTTP application from its dependencies and has no side
 * effects; src/main.ts starts it. Tests call `app.request()` in process.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { serveStatic } from "@hono/node-server/serve-static";
import { matchedRoutes } from "hono/route";
import { createLogger, requestContext } from "../observability/logger.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { socketAddress } from "./auth.js";
import { securityMiddleware } from "./security.js";
import { errorBody, notFound, onError } from "./on-error.js";
import { adminRoutes } from "./routes/admin.js";
import { adminAuditRoutes } from "./routes/admin-audit.js";
import { askRoutes } from "./routes/ask.js";
import { feedbackRoutes } from "./routes/feedback.js";
import { healthRoutes } from "./routes/health.js";
import { metricsRoutes } from "./routes/metrics.js";
import { openApiRoutes } from "./routes/openapi.js";
import { openAiRoutes } from "./routes/openai.js";
import { readyRoutes } from "./routes/ready.js";
import { libraryRoutes } from "./routes/library.js";
import { sourceRoutes } from "./routes/sources.js";
import type { AppDeps, AppEnv } from "./types.js";

/**
 * The route pattern a request was for, for metrics and logs: "/api/sources/:chunkId",
 * never the id itself, so the label set stays bounded. A request refused by
 * middleware (sign-in, rate limit) counts under the route it asked for; files
 * of the web pages are "static", anything else "unmatched".
 */
function routeLabel(c: Context<AppEnv>): string {
  const routes = matchedRoutes(c);
  const route = routes.findLast((r) => !r.path.endsWith("*"));
  if (route) return route.path;
  return routes.some((r) => r.path === "/*") && c.res.status < 400 ? "static" : "unmatched";
}

const WEB_ROOT = path.relative(process.cwd(), path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web"));

export function createApp(appDeps: AppDeps) {
  const logger = appDeps.logger ?? createLogger(appDeps.config.logLevel);
  const metrics: Metrics = createMetrics(() => appDeps.answers().index);
  // Every answer and finished job is counted, whichever route asked for it.
  const deps: AppDeps = {
    ...appDeps,
    answers: metrics.countAnswers(appDeps.answers),
    ...(appDeps.jobs ? { jobs: metrics.countJobs(appDeps.jobs) } : {}),
  };
  const app = new Hono<AppEnv>();
  // The request id is the caller's X-Request-Id when well formed (a proxy's trace id; [\w=-], ≤ 255 chars), else a new UUID;
  // it is sent back in x-request-id, in the error envelope and on every log line of the request.
  app.use("*", requestId());
  app.use("*", async (c, next) => {
    const started = performance.now();
    c.set("logger", logger);
    await requestContext.run({ requestId: c.get("requestId") }, next);
    const seconds = (performance.now() - started) / 1000;
    const route = routeLabel(c);
    metrics.observeRequest(c.req.method, route, c.res.status, seconds);
    // Path without the query string; never the body. Questions are not logged here at any level.
    requestContext.run({ requestId: c.get("requestId") }, () =>
      logger.info({ method: c.req.method, path: c.req.path, route, status: c.res.status, ms: Math.round(seconds * 1000) }, "request"),
    );
  });
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
  const apiBodyLimit = bodyLimit({
    maxSize: deps.config.maxBodyBytes,
    onError: (c) => c.json(errorBody(c, "payload_too_large", "Förfrågan är för stor."), 413),
  });
  // Document uploads have their own, larger limit (MAX_UPLOAD_BYTES), checked after the admin token.
  app.use("/api/*", (c, next) => (c.req.method === "POST" && c.req.path === "/api/admin/documents" ? next() : apiBodyLimit(c, next)));
  app.use("/v1/*", apiBodyLimit);
  // Sign-in, rate limits, the /auth routes and the sign-in redirect of the chat page (security.ts).
  securityMiddleware(app, { ...deps, remoteAddress: deps.remoteAddress ?? socketAddress });
  app.route("/api/ask", askRoutes(deps));
  app.route("/api/health", healthRoutes(deps));
  app.route("/api/ready", readyRoutes(deps));
  app.route("/api/openapi.json", openApiRoutes());
  app.route("/metrics", metricsRoutes(deps, metrics));
  app.route("/v1", openAiRoutes(deps));
  app.route("/api", sourceRoutes(deps));
  app.route("/api", libraryRoutes(deps));
  app.route("/api/feedback", feedbackRoutes(deps));
  app.route("/api/admin", adminRoutes(deps));
  app.route("/api/admin", adminAuditRoutes(deps));
  app.get("/admin", serveStatic({ root: WEB_ROOT, path: "admin.html" }));
  app.all("/api/*", notFound);
  app.all("/v1/*", notFound);
  app.use("/*", serveStatic({ root: WEB_ROOT }));
  app.notFound(notFound);
  app.onError(onError(deps.log));
  return app;
}

/**
 * GET /metrics in the Prometheus text format (src/observability/metrics.ts).
 * With METRICS_TOKEN set, the scraper must send `Authorization: Bearer
 * <METRICS_TOKEN>` (Prometheus: `authorization: {credentials: …}`); without
 * it the endpoint is open, like most exporters, and shows no configuration:
 * only counts, latencies, the index version and process figures.
 */
import { Hono } from "hono";
import type { Metrics } from "../metrics.js";
import { bearerToken, tokenMatches } from "../admin-auth.js";
import type { AppDeps, AppEnv } from "../types.js";
import { errorBody } from "../on-error.js";

export function metricsRoutes(deps: Pick<AppDeps, "config">, metrics: Metrics) {
  return new Hono<AppEnv>().get("/", async (c) => {
    c.header("Cache-Control", "no-store");
    const expected = deps.config.metricsToken;
    if (expected) {
      const presented = bearerToken(c);
      if (presented === null || !tokenMatches(presented, expected)) {
        c.header("WWW-Authenticate", 'Bearer realm="rutinsvar-metrics"');
        return c.json(errorBody(c, "unauthorized", "Mätvärdena kräver METRICS_TOKEN: skicka Authorization: Bearer <token>."), 401);
      }
    }
    return c.body(await metrics.registry.metrics(), 200, { "Content-Type": metrics.registry.contentType });
  });
}

/** GET /api/openapi.json: the OpenAPI 3.1 description (src/server/openapi.ts), built once. */
import { Hono } from "hono";
import type { AppEnv } from "../types.js";
import { openApiDocument } from "../openapi.js";

export function openApiRoutes() {
  let doc: Record<string, unknown> | undefined;
  return new Hono<AppEnv>().get("/", (c) => c.json((doc ??= openApiDocument())));
}

/**
 * What the chat needs to know about the served library (issue 15 and 19):
 * GET /api/collections lists the collections (units) the user may read, for
 * the unit picker and `options.collections` / `options.unit`;
 * GET /api/examples?unit=… gives example questions from this deployment.
 */
import { Hono } from "hono";
import { accessFor } from "../../access/access-policy.js";
import { collectionsOf } from "../../access/unit-scope.js";
import type { AppDeps, AppEnv } from "../types.js";
import { exampleQuestions } from "../examples.js";

export function libraryRoutes(deps: Pick<AppDeps, "answers" | "access">) {
  const readable = (c: { get: (key: "user") => AppEnv["Variables"]["user"] }) => {
    const index = deps.answers().index;
    const access = deps.access ? accessFor(deps.access, c.get("user"), index) : undefined;
    return { index, documents: access ? index.manifest.documents.filter((d) => access.document(d)) : index.manifest.documents };
  };
  return new Hono<AppEnv>()
    .get("/collections", (c) => {
      const { documents } = readable(c);
      return c.json({ collections: collectionsOf(documents) });
    })
    .get("/examples", (c) => {
      const { index, documents } = readable(c);
      const unit = c.req.query("unit") || undefined;
      return c.json(exampleQuestions(index.manifest.corpusDir, documents, unit));
    });
}

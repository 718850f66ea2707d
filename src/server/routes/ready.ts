/**
 * GET /api/ready: readiness for a load balancer or orchestrator. 200 only
 * when an index is loaded and the configured database answers (SQLite in
 * DATA_DIR, or PostgreSQL at DATABASE_URL); 503 with the reason otherwise.
 * The reasons name no host, path or credential.
 */
import { Hono } from "hono";
import type { Stores } from "../../store/index.js";
import type { AppDeps, AppEnv } from "../types.js";

/** How long the database gets to answer before the instance counts as not ready. */
const READY_DB_TIMEOUT_MS = 2000;

/** Resolves when the stores' database answers a trivial query; rejects otherwise. */
async function pingStores(stores: Stores): Promise<void> {
  if (stores.kind === "files") {
    stores.db.prepare("SELECT 1").get();
    return;
  }
  await stores.pool.query("SELECT 1");
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export interface ReadyCheck {
  name: "index" | "database";
  ok: boolean;
  reason?: string;
}

async function readiness(deps: Pick<AppDeps, "answers" | "stores" | "log">): Promise<ReadyCheck[]> {
  const checks: ReadyCheck[] = [];
  try {
    const { manifest } = deps.answers().index;
    checks.push(manifest.version ? { name: "index", ok: true } : { name: "index", ok: false, reason: "Inget index är inläst." });
  } catch (err) {
    deps.log("readiness: no index", err);
    checks.push({ name: "index", ok: false, reason: "Inget index är inläst." });
  }
  if (deps.stores) {
    const kind = deps.stores.kind === "postgres" ? "PostgreSQL-databasen" : "SQLite-databasen";
    try {
      await withTimeout(pingStores(deps.stores), READY_DB_TIMEOUT_MS);
      checks.push({ name: "database", ok: true });
    } catch (err) {
      deps.log("readiness: database did not answer", err);
      checks.push({ name: "database", ok: false, reason: `${kind} svarar inte.` });
    }
  }
  return checks;
}

export function readyRoutes(deps: Pick<AppDeps, "answers" | "stores" | "log">) {
  return new Hono<AppEnv>().get("/", async (c) => {
    c.header("Cache-Control", "no-store");
    const checks = await readiness(deps);
    const failed = checks.filter((x) => !x.ok);
    if (failed.length === 0) return c.json({ status: "ready", checks });
    return c.json({ status: "not_ready", reason: failed.map((x) => x.reason).join(" "), checks }, 503);
  });
}

import path from "node:path";
import type { Config } from "../../config/env.js";

/** Local cache of original files and glossaries of versions loaded from PostgreSQL. */
export function postgresCacheDir(config: Config): string {
  return path.join(config.dataDir, "pg-cache");
}

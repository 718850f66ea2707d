/**
 * One real index of a corpus (tests/fixtures/corpus by default) and a
 * factory for apps over it with any security settings: sign-in mode,
 * tokens, access policy, injected client address, question log.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { runIngest } from "../../ingest/pipeline.js";
import type { StaffToken } from "../../src/access/staff-tokens.js";
import type { Config } from "../../src/config/env.js";
import type { AnswerService } from "../../src/query/answer.js";
import { openAnswerService } from "../../src/lifecycle/open-answer-service.js";
import { createApp } from "../../src/server/app.js";
import type { AppDeps } from "../../src/server/types.js";
import { FIXTURE_CORPUS, tempDir, testConfig } from "./fixture-index.js";

export interface SecurityFixture {
  dir: string;
  baseEnv: Record<string, string>;
  service: AnswerService;
  /** Errors passed to the app's log. */
  logged: { msg: string; err: unknown }[];
  config(env?: Record<string, string>): Config;
  app(env?: Record<string, string>, deps?: Partial<AppDeps>): ReturnType<typeof createApp>;
  cleanup(): Promise<void>;
}

export async function buildSecurityFixture(corpusDir = FIXTURE_CORPUS): Promise<SecurityFixture> {
  const dir = await tempDir("rutinsvar-sec-");
  const baseEnv = { INDEX_DIR: path.join(dir, "index"), CORPUS_DIR: corpusDir, DATA_DIR: dir };
  const base = testConfig(baseEnv);
  await runIngest({ corpusDir, indexDir: base.indexDir, config: base });
  const service = await openAnswerService(base);
  const logged: SecurityFixture["logged"] = [];
  const config = (env: Record<string, string> = {}) => testConfig({ ...baseEnv, ...env });
  return {
    dir,
    baseEnv,
    service,
    logged,
    config,
    app: (env = {}, deps = {}) => createApp({ config: config(env), answers: () => service, log: (msg, err) => logged.push({ msg, err }), ...deps }),
    cleanup: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

/** Two members of staff in different groups, used across the security tests. */
export const STAFF: Record<"ida" | "erik" | "nils", StaffToken> = {
  ida: { token: "ida-token-0123456789abcdef", user: "ida", groups: ["ifo"] },
  erik: { token: "erik-token-0123456789abcdef", user: "erik", groups: ["ekonomi"] },
  nils: { token: "nils-token-0123456789abcdef", user: "nils", groups: [] },
};

/**
 * ifo reads barn-och-unga (orosanmalan.md), ekonomi reads ekonomiskt-bistand
 * (the PDF); both read gemensamt/ and the root files ("allmänt").
 */
export const ACCESS_YAML = `
collections:
  barn-och-unga: [ifo, ledning]
  ekonomiskt-bistand: [ekonomi]
  gemensamt: [ifo, ekonomi]
  allmänt: [ifo, ekonomi]
default: []
`;

export function bearer(user: StaffToken): Record<string, string> {
  return { authorization: `Bearer ${user.token}` };
}

export async function postJson(app: { request: (url: string, init: RequestInit) => Response | Promise<Response> }, url: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
}

/**
 * The types the HTTP application is built from, in a leaf file: app.ts assembles
 * the routes, and each route and the security middleware import these types
 * from here rather than from the file that assembles them (no import cycle).
 * Each route factory takes a `Pick<AppDeps, …>` of the dependencies it uses.
 */
import type { AccessPolicy, StaffUser } from "../access/access-policy.js";
import type { StaffToken } from "../access/staff-tokens.js";
import type { IngestFunctions } from "../admin/ingest-functions.js";
import type { JobRunner } from "../admin/job-runner.js";
import type { Config } from "../config/env.js";
import type { Logger } from "../observability/logger.js";
import type { AnswerService } from "../query/answer.js";
import type { Stores } from "../store/index.js";
import type { QuestionLog } from "../store/question-log.js";
import type { RemoteAddress } from "./auth.js";

export interface AppDeps {
  config: Config;
  /** The current answer service; a function so a re-ingest can swap it atomically. */
  answers: () => AnswerService;
  log: (msg: string, err?: unknown) => void;
  /** The service stores, SQLite or PostgreSQL (feedback, audit log, job history); without them feedback and admin answer 503. */
  stores?: Stores;
  /** Re-ingest jobs for the admin API. */
  jobs?: JobRunner;
  /** The ingest pipeline's functions for the admin API (discover, parse, sidecars); src/main.ts passes ingest/'s. Without stores, jobs and these, admin answers 503. */
  ingest?: IngestFunctions;
  /** Staff tokens from AUTH_TOKENS_FILE (AUTH_MODE=token). */
  tokens?: readonly StaffToken[];
  /** Collection → groups from ACCESS_FILE; without it everyone reads everything. */
  access?: AccessPolicy;
  /** Question log (masked questions, user, cited documents) for the audit trail. */
  questions?: QuestionLog;
  /** The client's socket address; injectable because `app.request()` in tests has no socket. */
  remoteAddress?: RemoteAddress;
  /** Structured log (src/observability/logger.ts); default: pino on stdout at LOG_LEVEL. */
  logger?: Logger;
}

/** `user` is set by the staff sign-in (auth.ts) on every chat API route. */
export type AppEnv = { Variables: { requestId: string; user: StaffUser; logger: Logger } };

/**
 * Sign-in, access groups, retention and rate-limit settings. Part of the
 * environment schema in env.ts (which stays the only reader of the environment);
 * kept in its own file because the cross-field rules are many.
 */
import path from "node:path";
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .default("false")
  .transform((v) => v === "true" || v === "1" || v === "yes");

const commaList = z
  .string()
  .default("")
  .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean));

const AUTH_MODES = ["none", "token", "proxy", "oidc"] as const;
type AuthMode = (typeof AUTH_MODES)[number];

/** Environment variables for security; spread into envSchema. */
export const securityEnvShape = {
  /** How staff sign in: none (local only), token (bearer tokens from a file), proxy (trusted reverse proxy headers), oidc. */
  AUTH_MODE: z.enum(AUTH_MODES).default("none"),
  /** Explicitly accept AUTH_MODE=none on a non-loopback HOST (everyone who reaches the port can read everything). */
  AUTH_ALLOW_NONE_ON_NETWORK: bool,
  /** JSON or YAML file with [{token, user, groups}] for AUTH_MODE=token. */
  AUTH_TOKENS_FILE: optionalString,
  AUTH_PROXY_USER_HEADER: z.string().trim().toLowerCase().default("x-forwarded-user"),
  AUTH_PROXY_GROUPS_HEADER: z.string().trim().toLowerCase().default("x-forwarded-groups"),
  /** Comma list of proxy IP addresses whose user headers are believed. */
  AUTH_TRUSTED_PROXIES: commaList,
  OIDC_ISSUER: optionalString.pipe(z.url("ska vara en URL").optional()),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_REDIRECT_URI: optionalString.pipe(z.url("ska vara en URL, t.ex. https://rutinsvar.kommun.se/auth/callback").optional()),
  /** Claim in the ID token / userinfo that lists the user's groups. */
  OIDC_GROUPS_CLAIM: z.string().trim().default("groups"),
  OIDC_SCOPES: z.string().trim().default("openid profile email"),
  /** HMAC key for the session cookie (AUTH_MODE=oidc), at least 32 characters. */
  SESSION_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, "måste vara minst 32 tecken"),
  /** Session length in hours (AUTH_MODE=oidc). */
  SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(10),
  /** JSON or YAML file mapping collections to the groups that may read them. Unset: everyone reads everything. */
  ACCESS_FILE: optionalString,
  /** Days that the question log and feedback are kept. */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Requests per minute per user and per address to /api (0 turns the limit off). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100000).default(1200),
};

const securityEnvSchema = z.object(securityEnvShape);
type SecurityEnv = z.infer<typeof securityEnvSchema>;

export interface SecurityConfig {
  auth: {
    mode: AuthMode;
    allowNoneOnNetwork: boolean;
    tokensFile?: string;
    proxy: { userHeader: string; groupsHeader: string; trustedProxies: string[] };
    oidc?: { issuer: string; clientId: string; clientSecret?: string; redirectUri: string; groupsClaim: string; scopes: string };
    sessionSecret?: string;
    sessionHours: number;
  };
  accessFile?: string;
  retentionDays: number;
  rateLimitPerMinute: number;
}

/** Addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || h === "0:0:0:0:0:0:0:1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Cross-field rules; each problem names its variable. */
export function securityIssues(e: SecurityEnv & { HOST: string }): string[] {
  const issues: string[] = [];
  if (e.AUTH_MODE === "none" && !isLoopbackHost(e.HOST) && !e.AUTH_ALLOW_NONE_ON_NETWORK) {
    issues.push(
      `AUTH_MODE: "none" (ingen inloggning) är bara tillåtet när HOST är 127.0.0.1, localhost eller ::1, men HOST=${e.HOST}. ` +
        `Välj AUTH_MODE=token, proxy eller oidc, eller sätt AUTH_ALLOW_NONE_ON_NETWORK=true om alla som når porten får läsa alla rutiner.`,
    );
  }
  if (e.AUTH_MODE === "token" && !e.AUTH_TOKENS_FILE) issues.push("AUTH_TOKENS_FILE: krävs när AUTH_MODE=token");
  if (e.AUTH_MODE === "proxy" && e.AUTH_TRUSTED_PROXIES.length === 0) {
    issues.push("AUTH_TRUSTED_PROXIES: krävs när AUTH_MODE=proxy (kommalista med proxyns IP-adresser)");
  }
  if (e.AUTH_MODE === "oidc") {
    for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_REDIRECT_URI", "SESSION_SECRET"] as const) {
      if (!e[key]) issues.push(`${key}: krävs när AUTH_MODE=oidc`);
    }
  }
  return issues;
}

/** The parsed settings in the shape the app uses. */
export function securityConfig(e: SecurityEnv): SecurityConfig {
  return {
    auth: {
      mode: e.AUTH_MODE,
      allowNoneOnNetwork: e.AUTH_ALLOW_NONE_ON_NETWORK,
      ...(e.AUTH_TOKENS_FILE ? { tokensFile: path.resolve(e.AUTH_TOKENS_FILE) } : {}),
      proxy: { userHeader: e.AUTH_PROXY_USER_HEADER, groupsHeader: e.AUTH_PROXY_GROUPS_HEADER, trustedProxies: e.AUTH_TRUSTED_PROXIES },
      ...(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_REDIRECT_URI
        ? {
            oidc: {
              issuer: e.OIDC_ISSUER,
              clientId: e.OIDC_CLIENT_ID,
              ...(e.OIDC_CLIENT_SECRET ? { clientSecret: e.OIDC_CLIENT_SECRET } : {}),
              redirectUri: e.OIDC_REDIRECT_URI,
              groupsClaim: e.OIDC_GROUPS_CLAIM,
              scopes: e.OIDC_SCOPES,
            },
          }
        : {}),
      ...(e.SESSION_SECRET ? { sessionSecret: e.SESSION_SECRET } : {}),
      sessionHours: e.SESSION_HOURS,
    },
    ...(e.ACCESS_FILE ? { accessFile: path.resolve(e.ACCESS_FILE) } : {}),
    retentionDays: e.RETENTION_DAYS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
  };
}

/**
 * Loads the files the security settings point at (tokens, access policy),
 * once at start, so a bad file fails the boot with its name.
 */
import type { SecurityConfig } from "../config/security-env.js";
import { loadAccessPolicy, type AccessPolicy } from "./access-policy.js";
import { loadStaffTokens, type StaffToken } from "./staff-tokens.js";

export interface SecurityFiles {
  tokens?: StaffToken[];
  access?: AccessPolicy;
}

export function loadSecurityFiles(security: SecurityConfig): SecurityFiles {
  return {
    ...(security.auth.mode === "token" && security.auth.tokensFile ? { tokens: loadStaffTokens(security.auth.tokensFile) } : {}),
    ...(security.accessFile ? { access: loadAccessPolicy(security.accessFile) } : {}),
  };
}

/** The start-up warning for AUTH_MODE=none, or null for the other modes. */
export function authWarning(security: SecurityConfig, host: string): string | null {
  if (security.auth.mode !== "none") return null;
  return security.auth.allowNoneOnNetwork
    ? `VARNING: AUTH_MODE=none på ${host} (AUTH_ALLOW_NONE_ON_NETWORK=true): alla som når porten kan ställa frågor och läsa alla rutiner utan inloggning.`
    : `VARNING: AUTH_MODE=none: ingen inloggning. Tjänsten lyssnar bara på ${host}; använd AUTH_MODE=token, proxy eller oidc innan den görs nåbar för andra.`;
}

/**
 * The container files, checked without a Docker engine: the image is on a
 * supported Node LTS and fails closed without a sign-in mode (the entrypoint
 * is run for real, and the image's ENV is fed to the real config loader);
 * .dockerignore keeps secrets and state out; compose takes every secret
 * from the environment and refuses to start without them.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConfigError, loadConfig } from "../../src/config/env.js";

const read = (f: string) => fs.readFileSync(path.resolve(f), "utf8");
const dockerfile = read("Dockerfile");
/** Dockerfile lines with continuations joined. */
const instructions = dockerfile
  .replace(/\\\n/g, " ")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));

/** ENV of the final stage: KEY=value pairs. */
function runtimeEnv(): Record<string, string> {
  const lastFrom = instructions.map((l, i) => (l.startsWith("FROM ") ? i : -1)).filter((i) => i >= 0).at(-1)!;
  const env: Record<string, string> = {};
  for (const l of instructions.slice(lastFrom).filter((x) => x.startsWith("ENV "))) {
    for (const m of l.slice(4).matchAll(/(\w+)=("[^"]*"|\S+)/g)) env[m[1]!] = m[2]!.replace(/^"|"$/g, "");
  }
  return env;
}

/** Compose's variable interpolation (${VAR}, ${VAR:-default}, ${VAR:?error}), enough for this file. */
function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, op: string | undefined, arg: string) => {
    const v = env[name];
    if (v !== undefined && v !== "") return v;
    if (op === "?") throw new Error(`${name}: ${arg}`);
    return op === "-" ? arg : "";
  });
}

describe("Dockerfile", () => {
  it("builds and runs on a supported Node LTS (22 or 24), never the end-of-life node:20", () => {
    const arg = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    const froms = instructions.filter((l) => l.startsWith("FROM ")).map((l) => l.split(/\s+/)[1]!.replace("${NODE_IMAGE}", arg ?? ""));
    expect(froms.length).toBe(2);
    for (const image of froms) expect(image).toMatch(/^node:(22|24)(\.\d+)*-bookworm-slim$/);
    expect(instructions.join("\n")).not.toMatch(/node:(18|20)\b/);
  });

  it("sets no sign-in mode and no acceptance of AUTH_MODE=none, and runs as a non-root user", () => {
    const env = runtimeEnv();
    expect(env.HOST).toBe("0.0.0.0");
    expect(env.AUTH_MODE).toBeUndefined();
    expect(env.AUTH_ALLOW_NONE_ON_NETWORK).toBeUndefined();
    expect(dockerfile).not.toMatch(/AUTH_ALLOW_NONE_ON_NETWORK=true/);
    expect(instructions.filter((l) => l.startsWith("USER ")).at(-1)).toBe("USER node");
  });

  it("with only the image's environment, the service refuses to start and names AUTH_MODE", () => {
    let error: unknown;
    try {
      loadConfig(runtimeEnv());
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/AUTH_MODE: "none" .* HOST=0\.0\.0\.0\. Välj AUTH_MODE=token, proxy eller oidc/);
    expect(() => loadConfig({ ...runtimeEnv(), AUTH_MODE: "token", AUTH_TOKENS_FILE: "/run/secrets/tokens.json" })).not.toThrow();
  });

  it("the entrypoint refuses to start without AUTH_MODE, says how to set one, and runs the command with it", () => {
    const cmd = ["scripts/docker-entrypoint.sh", process.execPath, "-e", "console.log('started')"];
    const refused = spawnSync("sh", cmd, { env: { PATH: process.env.PATH ?? "" }, encoding: "utf8" });
    expect(refused.status).toBe(78);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/AUTH_MODE saknas/);
    expect(refused.stderr).toMatch(/-e AUTH_MODE=token -e AUTH_TOKENS_FILE=/);
    expect(refused.stderr).toMatch(/SECURITY\.md/);
    const started = spawnSync("sh", cmd, { env: { PATH: process.env.PATH ?? "", AUTH_MODE: "proxy" }, encoding: "utf8" });
    expect(started.status).toBe(0);
    expect(started.stdout.trim()).toBe("started");
    expect(fs.statSync("scripts/docker-entrypoint.sh").mode & 0o111).not.toBe(0);
    expect(instructions).toContain('ENTRYPOINT ["/app/scripts/docker-entrypoint.sh"]');
  });

  it("copies only files that exist and that .dockerignore lets through, and checks readiness", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#") && !l.startsWith("!"));
    for (const l of instructions.filter((x) => x.startsWith("COPY ") && !x.includes("--from="))) {
      const sources = l.split(/\s+/).slice(1, -1).filter((s) => !s.startsWith("--"));
      for (const s of sources) {
        expect(fs.existsSync(s), s).toBe(true);
        expect(ignored.some((p) => s === p || s.startsWith(`${p}/`)), `${s} is ignored`).toBe(false);
      }
    }
    expect(dockerfile).toMatch(/HEALTHCHECK .*\/api\/ready/);
  });
});

describe(".dockerignore", () => {
  it("keeps secrets, local state, git history and installed modules out of the build context", () => {
    const lines = read(".dockerignore").split("\n").map((l) => l.trim());
    for (const p of [".env", ".git", "node_modules", "data", "secrets", "tokens*.json"]) expect(lines).toContain(p);
  });
});

describe("docker-compose.yml", () => {
  // Compose applies YAML merge keys (<<: *app).
  const compose = parse(read("docker-compose.yml"), { merge: true }) as {
    services: Record<string, { environment?: Record<string, string>; image?: string; build?: string }>;
  };
  const raw = read("docker-compose.yml");

  it("holds no secret: passwords, tokens and session keys are ${…} references to the environment", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET|TOKEN|DATABASE_URL/.test(key)) expect(String(value), `${name}.${key}`).toMatch(/\$\{\w+/);
      }
    }
    expect(raw).not.toMatch(/rutinsvar:rutinsvar@/);
    expect(raw).not.toMatch(/AUTH_ALLOW_NONE_ON_NETWORK/);
  });

  it("refuses to start without the database password and a sign-in mode", () => {
    const app = compose.services.app1!.environment!;
    expect(() => interpolate(compose.services.db!.environment!.POSTGRES_PASSWORD!, {})).toThrow(/POSTGRES_PASSWORD/);
    expect(() => interpolate(app.DATABASE_URL!, {})).toThrow(/POSTGRES_PASSWORD/);
    expect(() => interpolate(app.AUTH_MODE!, {})).toThrow(/AUTH_MODE: Sätt AUTH_MODE till token, proxy eller oidc/);
  });

  it("with the secrets in the environment, gives each instance a configuration the service accepts", () => {
    const secrets = { POSTGRES_PASSWORD: "s3cret-from-env", AUTH_MODE: "token", AUTH_TOKENS_FILE: "/run/secrets/tokens.json", ADMIN_TOKEN: "admin-token-0123456789" };
    for (const name of ["app1", "app2"]) {
      const env = Object.fromEntries(Object.entries(compose.services[name]!.environment!).map(([k, v]) => [k, interpolate(String(v), secrets)]));
      const config = loadConfig({ ...runtimeEnv(), ...env });
      expect(config.store).toMatchObject({ kind: "postgres", databaseUrl: "postgres://rutinsvar:s3cret-from-env@db:5432/rutinsvar" });
      expect(config.security.auth.mode).toBe("token");
      expect(config.adminToken).toBe(secrets.ADMIN_TOKEN);
      expect(config.metricsToken).toBeUndefined();
    }
  });
});

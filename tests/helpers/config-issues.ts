/** The ConfigError issues `loadConfig(env)` reports, or [] when the environment is valid. */
import { ConfigError, loadConfig } from "../../src/config/env.js";

export function configIssues(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.issues;
  }
}

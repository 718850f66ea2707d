/**
 * In-memory token-bucket rate limiting. Each key (a user id or a client
 * address) has a bucket of `perMinute` tokens refilled continuously; a
 * request takes one token, and an empty bucket answers 429 with
 * `Retry-After`. One process, one memory: behind several instances the
 * limit applies per instance.
 */
import type { Context, MiddlewareHandler } from "hono";
import { errorBody } from "./on-error.js";

export interface RateLimiter {
  /** Takes one token for `key`; when none is left, says how many seconds until one is. */
  take(key: string, now?: number): { ok: true } | { ok: false; retryAfterSeconds: number };
  /** Number of keys tracked (for tests and memory checks). */
  readonly size: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/** Buckets kept before idle (full) ones are dropped. */
const MAX_KEYS = 10_000;

/** A limiter allowing `perMinute` requests per key per minute, in bursts of at most `perMinute`. */
export function createRateLimiter(perMinute: number, clock: () => number = Date.now): RateLimiter {
  const capacity = Math.max(1, perMinute);
  const perMs = capacity / 60_000;
  const buckets = new Map<string, Bucket>();

  function refill(b: Bucket, now: number) {
    b.tokens = Math.min(capacity, b.tokens + (now - b.updated) * perMs);
    b.updated = now;
  }

  function prune(now: number) {
    for (const [key, b] of buckets) {
      refill(b, now);
      if (b.tokens >= capacity) buckets.delete(key);
    }
  }

  return {
    take(key, now = clock()) {
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= MAX_KEYS) prune(now);
        b = { tokens: capacity, updated: now };
        buckets.set(key, b);
      }
      refill(b, now);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
    },
    get size() {
      return buckets.size;
    },
  };
}

/**
 * Middleware limiting requests per key. `keyOf` returns undefined when the
 * request has no key of this kind (no address known, nobody signed in):
 * such requests are not counted here.
 */
export function rateLimit(limiter: RateLimiter, keyOf: (c: Context) => string | undefined): MiddlewareHandler {
  return async (c, next) => {
    const key = keyOf(c);
    if (key !== undefined) {
      const result = limiter.take(key);
      if (!result.ok) {
        c.header("Retry-After", String(result.retryAfterSeconds));
        return c.json(errorBody(c, "rate_limited", `För många förfrågningar. Vänta ${result.retryAfterSeconds} sekunder och försök igen.`), 429);
      }
    }
    await next();
  };
}

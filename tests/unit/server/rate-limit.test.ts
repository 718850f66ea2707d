import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../../src/server/rate-limit.js";

describe("token bucket", () => {
  it("allows perMinute requests at once, then refuses with the seconds until the next token", () => {
    const limiter = createRateLimiter(60, () => 0);
    for (let i = 0; i < 60; i++) expect(limiter.take("a", 0).ok).toBe(true);
    expect(limiter.take("a", 0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take("b", 0).ok).toBe(true);
    expect(limiter.take("a", 1000).ok).toBe(true); // one token per second at 60/min
    expect(limiter.take("a", 1000).ok).toBe(false);
  });

  it("rounds Retry-After up and refills up to capacity only", () => {
    const limiter = createRateLimiter(2);
    expect(limiter.take("a", 0).ok && limiter.take("a", 0).ok).toBe(true);
    expect(limiter.take("a", 0)).toEqual({ ok: false, retryAfterSeconds: 30 });
    expect(limiter.take("a", 29_000)).toEqual({ ok: false, retryAfterSeconds: 1 });
    for (let i = 0; i < 2; i++) expect(limiter.take("a", 10 * 60_000).ok).toBe(true);
    expect(limiter.take("a", 10 * 60_000).ok).toBe(false);
  });

  it("forgets idle keys when it holds many, so memory stays bounded", () => {
    const limiter = createRateLimiter(10);
    for (let i = 0; i < 10_000; i++) limiter.take(`k${i}`, 0);
    limiter.take("ny", 120_000);
    expect(limiter.size).toBe(1);
  });
});

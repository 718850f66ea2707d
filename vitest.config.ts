import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ["default", "json"],
    outputFile: { json: "data/test-report.json" },
  },
});

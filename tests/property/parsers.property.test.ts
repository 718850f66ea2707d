/**
 * Property-based tests of the parsers: random bytes, truncated and
 * bit-flipped real files under every supported extension. parseFile may
 * succeed or throw ParseError; it must never throw anything else, crash or
 * hang. Case counts are in the test names.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isParseError, parseFile, SUPPORTED_EXTENSIONS } from "../../ingest/parse/index.js";

const RUNS = { random: 300, truncated: 200, flipped: 200 };
/** A single file taking longer than this counts as a hang. */
const HANG_MS = 15_000;

const FILES = ["rutin-3-sidor.pdf", "krypterad.pdf", "rutin.docx", "rutin.html", "rutin.md", "utf8.txt"].map((name) => ({
  name,
  bytes: readFileSync(path.resolve("tests/fixtures/files", name)),
}));

/** Parses and classifies the outcome; anything but a result or a ParseError is a failure. */
async function outcome(bytes: Uint8Array, name: string): Promise<"parsed" | "parse-error"> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`parseFile(${name}, ${bytes.length} byte) hängde sig`)), HANG_MS);
  });
  try {
    const parsed = await Promise.race([parseFile(bytes, name), hang]);
    expect(Array.isArray(parsed.blocks)).toBe(true);
    for (const b of parsed.blocks) expect(typeof b.text).toBe("string");
    return "parsed";
  } catch (err) {
    if (isParseError(err)) return "parse-error";
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

describe("parseFile under hostile input", () => {
  it(`random bytes under every extension only ever parse or throw ParseError (${RUNS.random} cases)`, async () => {
    const seen = { parsed: 0, "parse-error": 0 };
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom(...SUPPORTED_EXTENSIONS, ".xyz", ""), async (bytes, ext) => {
        seen[await outcome(bytes, `slump${ext}`)]++;
      }),
      { numRuns: RUNS.random },
    );
    console.log(`parsers/random: ${RUNS.random} cases`, seen);
    expect(seen.parsed + seen["parse-error"]).toBe(RUNS.random);
  });

  it(`truncated real files only ever parse or throw ParseError (${RUNS.truncated} cases)`, async () => {
    const seen = { parsed: 0, "parse-error": 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FILES), fc.double({ min: 0, max: 1, noNaN: true }), async (file, at) => {
        seen[await outcome(file.bytes.subarray(0, Math.floor(file.bytes.length * at)), file.name)]++;
      }),
      { numRuns: RUNS.truncated },
    );
    console.log(`parsers/truncated: ${RUNS.truncated} cases`, seen);
    expect(seen.parsed + seen["parse-error"]).toBe(RUNS.truncated);
  });

  it(`real files with random bytes overwritten only ever parse or throw ParseError (${RUNS.flipped} cases)`, async () => {
    const seen = { parsed: 0, "parse-error": 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FILES),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 16 }),
        async (file, edits) => {
          const bytes = Uint8Array.from(file.bytes);
          for (const [at, value] of edits) bytes[Math.floor(at * bytes.length)] = value;
          seen[await outcome(bytes, file.name)]++;
        },
      ),
      { numRuns: RUNS.flipped },
    );
    console.log(`parsers/flipped: ${RUNS.flipped} cases`, seen);
    expect(seen.parsed + seen["parse-error"]).toBe(RUNS.flipped);
  });
});

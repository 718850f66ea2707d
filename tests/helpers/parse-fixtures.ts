/** Fixture files and the expected-error check shared by the parser tests. */
import { readFile } from "node:fs/promises";
import { expect } from "vitest";
import { ParseError } from "../../ingest/parse/errors.js";

/** Bytes of `tests/fixtures/files/<name>`. */
export const fixture = (name: string) => readFile(new URL(`../fixtures/files/${name}`, import.meta.url));

/** Awaits `promise`, asserts it rejected with a ParseError, and returns that error. */
export async function parseError(promise: Promise<unknown>): Promise<ParseError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParseError);
  return error as ParseError;
}

/**
 * Column values as the two stores return them, turned into the records'
 * types: SQLite gives JSON text and ISO strings, PostgreSQL parsed jsonb and
 * Date objects. Each store's row mapping is written once, over both.
 */

/** ISO string of a time column: a PostgreSQL Date converted, SQLite's stored text as it is (null stays null). */
export function isoOf(value: Date | string | null): string | null {
  return value instanceof Date ? value.toISOString() : value;
}

/** A JSON column: parsed from text (SQLite) or already parsed (PostgreSQL jsonb). */
export function fromJson<T>(value: string | T): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

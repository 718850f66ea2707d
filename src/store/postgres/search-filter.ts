/**
 * The access filter of a search, as SQL: the chunk ordinals a user may (or,
 * when that list is shorter, may not) read, passed as one array parameter so
 * the database applies it inside the search, before ranking and LIMIT.
 */

/** Chunk ordinals to keep (`negate: false`) or to drop (`negate: true`). */
export interface OrdinalFilter {
  ordinals: number[];
  negate: boolean;
}

/**
 * The filter for `allowIdx` over `count` chunks: `null` when every chunk is
 * allowed (no clause at all), otherwise the shorter of the two lists.
 * `ordinals` is empty with `negate: false` when nothing is allowed.
 */
export function ordinalFilter(count: number, allowIdx: (i: number) => boolean): OrdinalFilter | null {
  const allowed: number[] = [];
  const denied: number[] = [];
  for (let i = 0; i < count; i++) (allowIdx(i) ? allowed : denied).push(i);
  if (denied.length === 0) return null;
  return allowed.length <= denied.length ? { ordinals: allowed, negate: false } : { ordinals: denied, negate: true };
}

/** `AND [NOT] ordinal = ANY($n::int[])` for `filter`, with its parameter appended to `params`; "" without a filter. */
export function ordinalClause(filter: OrdinalFilter | null | undefined, params: unknown[], column = "ordinal"): string {
  if (!filter) return "";
  params.push(filter.ordinals);
  return ` AND ${filter.negate ? "NOT " : ""}${column} = ANY($${params.length}::int[])`;
}

/** True when `filter` lets nothing through (the search need not run). */
export function allowsNothing(filter: OrdinalFilter | null | undefined): boolean {
  return !!filter && !filter.negate && filter.ordinals.length === 0;
}

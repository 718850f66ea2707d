/**
 * Lexical search inside PostgreSQL with its built-in `swedish` text search
 * configuration (LEXICAL_SEARCH=postgres). Each published version gets a
 * weighted tsvector per chunk in `chunk_fulltext` (title and file name A,
 * heading path B, text C; GIN index), created idempotently at publish time
 * like pgvector's `chunk_embeddings`, so no migration is needed and a
 * database that never uses it carries nothing extra.
 *
 * A query is a list of word groups (one per question word, with its typo
 * corrections, and one per glossary expansion; see
 * src/query/text-search-query.ts), each an OR of `to_tsquery('swedish', …)`
 * lexemes. The score is Σ weight × ts_rank_cd(field weights, tsv, group):
 * cover density per group, weighted by the word's idf, because ts_rank_cd
 * alone knows no idf and one OR query would let "barn" count as much as
 * "orosanmälan". PostgreSQL neither splits compounds nor corrects typos;
 * that is the expected gap to our BM25F (docs/scale-out.md).
 */
import type pg from "pg";
import { AppError } from "../../core/errors.js";
import { allowsNothing, ordinalClause, type OrdinalFilter } from "./search-filter.js";
import type { SqlClient } from "./sql-client.js";
import { ensureVersionRows } from "./side-tables.js";

/** The database cannot hold or search the full-text table (e.g. no `swedish` configuration). */
class FulltextError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("fulltext_error", message, 500, options);
  }
}

/** One OR-group of surface words with its weight. */
export interface FulltextGroup {
  words: string[];
  weight: number;
}

export interface FulltextHit {
  chunkId: string;
  /** Position of the chunk in the version's chunk list (LoadedIndex.chunks). */
  ordinal: number;
  rank: number;
}

/**
 * ts_rank_cd weights in its order {D, C, B, A}: body text (C) 1, heading path
 * (B) 2.5 and title (A) 2, the BM25F field boosts of src/config/tuning.ts.
 */
export const FIELD_WEIGHTS = [0.1, 0.4, 1.0, 0.8] as const;
/** ts_rank_cd normalisation: divide by 1 + log(length), so long chunks do not win by size alone. */
const NORMALIZATION = 1;
/** Most groups per query; a pasted paragraph should not become a 200-term SQL statement. */
const MAX_GROUPS = 32;

const WORD = /^[\p{L}\p{N}]+$/u;

/** A tsquery text `'w1' | 'w2'` of the group's words (letters and digits only, quoted anyway). */
export function groupQueryText(words: readonly string[]): string {
  return words
    .filter((w) => WORD.test(w))
    .map((w) => `'${w.replace(/'/g, "''")}'`)
    .join(" | ");
}

/** Creates `chunk_fulltext` and its GIN index (idempotent). */
export async function enableFulltext(db: SqlClient): Promise<void> {
  try {
    await db.query("SELECT to_tsvector('swedish', 'rutiner')");
  } catch (cause) {
    throw new FulltextError("store/postgres/fulltext: textsökningskonfigurationen swedish finns inte i databasen; sätt LEXICAL_SEARCH=replica.", { cause });
  }
  await db.query(
    `CREATE TABLE IF NOT EXISTS chunk_fulltext (
       version_id text NOT NULL REFERENCES index_versions (id) ON DELETE CASCADE,
       ordinal integer NOT NULL,
       chunk_id text NOT NULL,
       tsv tsvector NOT NULL,
       PRIMARY KEY (version_id, ordinal)
     )`,
  );
  await db.query("CREATE INDEX IF NOT EXISTS chunk_fulltext_gin ON chunk_fulltext USING gin (tsv)");
}

/** Fills `chunk_fulltext` for `version` from its chunks (idempotent). Returns the number of rows added. */
export async function copyVersionFulltext(db: SqlClient, version: string): Promise<number> {
  // The file name counts as title, as in our lexical index ("skr-debattartikel-…" says what a document is).
  const { rows } = await db.query<{ n: string | number }>(
    `WITH copied AS (
       INSERT INTO chunk_fulltext (version_id, ordinal, chunk_id, tsv)
       SELECT version_id, ordinal, id,
              setweight(to_tsvector('swedish', title || ' ' || regexp_replace(regexp_replace(regexp_replace(source, '^.*/', ''), '\\.[^.]+$', ''), '[-_.]+', ' ', 'g')), 'A')
              || setweight(to_tsvector('swedish', array_to_string(heading_path, ' ')), 'B')
              || setweight(to_tsvector('swedish', text), 'C')
         FROM chunks WHERE version_id = $1
       ON CONFLICT DO NOTHING
       RETURNING 1
     ) SELECT count(*) AS n FROM copied`,
    [version],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Makes sure `version` has its full-text rows (a version published with LEXICAL_SEARCH=replica gets them once, under the store lock). */
export function ensureVersionFulltext(pool: pg.Pool, version: string, chunkCount: number): Promise<void> {
  return ensureVersionRows(pool, "chunk_fulltext", version, chunkCount, async (client) => {
    await enableFulltext(client);
    await copyVersionFulltext(client, version);
  });
}

/**
 * The `k` chunks of `version` best matching `groups`, best first (ties by
 * ordinal). `filter` restricts the rows inside the query, before ranking.
 * One statement, so `db` may be a pool.
 */
export async function searchFulltext(db: SqlClient, version: string, groups: readonly FulltextGroup[], k: number, filter?: OrdinalFilter | null): Promise<FulltextHit[]> {
  const usable = groups.map((g) => ({ text: groupQueryText(g.words), weight: g.weight })).filter((g) => g.text !== "" && g.weight > 0).slice(0, MAX_GROUPS);
  if (usable.length === 0 || k < 1 || allowsNothing(filter)) return [];
  const params: unknown[] = [version, k, FIELD_WEIGHTS];
  const queries = usable.map((g) => {
    params.push(g.text);
    return `to_tsquery('swedish', $${params.length}) AS q${params.length}`;
  });
  const names = usable.map((_, i) => `q.q${i + 4}`);
  const score = usable
    .map((g, i) => {
      params.push(g.weight);
      return `$${params.length}::float8 * ts_rank_cd($3::float4[], f.tsv, ${names[i]}, ${NORMALIZATION})`;
    })
    .join(" + ");
  const restrict = ordinalClause(filter, params, "f.ordinal");
  const { rows } = await db.query<{ chunk_id: string; ordinal: number; rank: number }>(
    `SELECT f.chunk_id, f.ordinal, ${score} AS rank
       FROM chunk_fulltext f, (SELECT ${queries.join(", ")}) q
      WHERE f.version_id = $1 AND f.tsv @@ (${names.join(" || ")})${restrict}
      ORDER BY rank DESC, f.ordinal
      LIMIT $2`,
    params,
  );
  return rows.map((r) => ({ chunkId: r.chunk_id, ordinal: r.ordinal, rank: Number(r.rank) }));
}

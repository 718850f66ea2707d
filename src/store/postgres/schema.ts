/**
 * Schema of the PostgreSQL index store, applied as numbered migrations
 * recorded in `rutinsvar_migrations`. Every instance calls `migrate` at start;
 * an advisory lock makes concurrent starts apply each migration once.
 *
 * One index version = one `index_versions` row plus its `documents` and
 * `chunks` rows. Exactly one version is current (partial unique index).
 * Original files are stored once per content (sha256 + extension), so an
 * incremental re-ingest does not upload unchanged files again.
 */
import type pg from "pg";
import { underStoreLock } from "./pool.js";

interface Migration {
  id: number;
  name: string;
  sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: "index versions, documents, chunks, original files",
    sql: `
      CREATE TABLE index_versions (
        id text PRIMARY KEY,
        manifest jsonb NOT NULL,
        -- LexicalIndex.toJSON(), so every replica ranks exactly like the file store.
        lexical text NOT NULL,
        glossary_yaml text,
        created_at timestamptz NOT NULL DEFAULT now(),
        is_current boolean NOT NULL DEFAULT false
      );
      CREATE UNIQUE INDEX index_versions_one_current ON index_versions (is_current) WHERE is_current;
      CREATE TABLE documents (
        version_id text NOT NULL REFERENCES index_versions (id) ON DELETE CASCADE,
        id text NOT NULL,
        source text NOT NULL,
        sha256 text NOT NULL,
        record jsonb NOT NULL,
        text text NOT NULL,
        original_ext text,
        PRIMARY KEY (version_id, id)
      );
      CREATE TABLE chunks (
        version_id text NOT NULL REFERENCES index_versions (id) ON DELETE CASCADE,
        ordinal integer NOT NULL,
        id text NOT NULL,
        document_id text NOT NULL,
        source text NOT NULL,
        title text NOT NULL,
        heading_path text[] NOT NULL,
        page integer,
        text text NOT NULL,
        char_start integer NOT NULL,
        char_end integer NOT NULL,
        vector real[] NOT NULL,
        PRIMARY KEY (version_id, ordinal)
      );
      CREATE UNIQUE INDEX chunks_by_id ON chunks (version_id, id);
      CREATE TABLE original_files (
        sha256 text NOT NULL,
        ext text NOT NULL,
        content bytea NOT NULL,
        PRIMARY KEY (sha256, ext)
      );
    `,
  },
  {
    id: 2,
    name: "service records: audit log, feedback, ingest jobs, question log",
    // The service's own records, shared by every instance (postgres/service-stores.ts).
    // `seq` orders rows written in the same millisecond, like SQLite's rowid.
    sql: `
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        target text,
        result text NOT NULL,
        detail jsonb
      );
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE TABLE feedback (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        created_at timestamptz NOT NULL,
        rating text NOT NULL CHECK (rating IN ('up', 'down')),
        question text NOT NULL,
        answer text NOT NULL,
        comment text,
        citations jsonb NOT NULL
      );
      CREATE INDEX feedback_created ON feedback (created_at);
      CREATE TABLE ingest_jobs (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        kind text NOT NULL,
        actor text NOT NULL,
        description text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        started_at timestamptz,
        finished_at timestamptz,
        progress jsonb NOT NULL,
        results jsonb NOT NULL,
        summary jsonb,
        error text
      );
      CREATE INDEX ingest_jobs_created ON ingest_jobs (created_at);
      CREATE INDEX ingest_jobs_unfinished ON ingest_jobs (status) WHERE status IN ('queued', 'running');
      CREATE TABLE question_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        user_id text NOT NULL,
        question text NOT NULL,
        had_personal_data boolean NOT NULL,
        abstained boolean NOT NULL,
        documents jsonb NOT NULL,
        duration_ms double precision NOT NULL
      );
      CREATE INDEX question_log_at ON question_log (at);
    `,
  },
  {
    id: 3,
    name: "ingest jobs: documents before and after",
    sql: "ALTER TABLE ingest_jobs ADD COLUMN documents jsonb;",
  },
];

/** Applies the migrations this database has not seen yet (idempotent, safe to run from several instances at once). */
export async function migrate(pool: pg.Pool): Promise<void> {
  await underStoreLock(pool, async (client) => {
    await client.query(
      "CREATE TABLE IF NOT EXISTS rutinsvar_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const { rows } = await client.query<{ id: number }>("SELECT id FROM rutinsvar_migrations");
    const applied = new Set(rows.map((r) => r.id));
    for (const m of MIGRATIONS) {
      if (applied.has(m.id)) continue;
      await client.query(m.sql);
      await client.query("INSERT INTO rutinsvar_migrations (id, name) VALUES ($1, $2)", [m.id, m.name]);
    }
  });
}

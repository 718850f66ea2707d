/**
 * Publishing an index version to PostgreSQL: the whole version (manifest,
 * lexical index, documents, chunks with vectors, new original files) is
 * written in ONE transaction that also marks it current and announces it with
 * NOTIFY, delivered to listeners only on commit. A failed publish leaves the
 * previous version current and nothing half-written visible.
 */
import fs from "node:fs/promises";
import type pg from "pg";
import type { IndexContents } from "../../core/index-store.js";
import { copyVersionFulltext, enableFulltext } from "./fulltext-search.js";
import { copyVersionEmbeddings, enablePgvector } from "./pgvector-search.js";
import { migrate } from "./schema.js";
import { underStoreLock } from "./pool.js";
import { VERSION_CHANNEL } from "./sql-client.js";

/** Rows per multi-row INSERT; 500 × 12 parameters stays far below PostgreSQL's 65 535. */
const BATCH = 500;

export interface PublishOptions {
  /** Versions kept (the current one always); older ones are deleted in the same transaction. Default 2, like the file store. */
  keep?: number;
  /** Also fill pgvector's `chunk_embeddings` for this version (VECTOR_SEARCH=pgvector). */
  pgvector?: boolean;
  /** Also fill `chunk_fulltext` (weighted `swedish` tsvectors) for this version (LEXICAL_SEARCH=postgres). */
  fulltext?: boolean;
}

function placeholders(rows: number, cols: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) out.push(`(${Array.from({ length: cols }, (_, c) => `$${r * cols + c + 1}`).join(", ")})`);
  return out.join(", ");
}

/**
 * Writes `contents` as a new version, makes it current and NOTIFYs
 * `rutinsvar_index` with the version id. Returns the version id.
 */
export async function publishIndexVersion(pool: pg.Pool, contents: IndexContents, options: PublishOptions = {}): Promise<string> {
  await migrate(pool);
  const { manifest } = contents;
  const version = manifest.version;
  if (contents.vectors.length !== contents.chunks.length) {
    throw new Error(`store/postgres: ${contents.chunks.length} avsnitt men ${contents.vectors.length} vektorer i version ${version}`);
  }
  // Publishers on different instances take turns; readers are never blocked.
  return underStoreLock(pool, async (client) => {
    await client.query("INSERT INTO index_versions (id, manifest, lexical, glossary_yaml) VALUES ($1, $2, $3, $4)", [
      version,
      JSON.stringify(manifest),
      JSON.stringify(contents.lexical.toJSON()),
      contents.glossaryYaml ?? null,
    ]);

    const docs = manifest.documents;
    for (let i = 0; i < docs.length; i += BATCH) {
      const part = docs.slice(i, i + BATCH);
      const params = part.flatMap((d) => [version, d.id, d.source, d.sha256, JSON.stringify(d), contents.documentTexts[d.id] ?? "", contents.originals[d.id]?.ext ?? null]);
      await client.query(`INSERT INTO documents (version_id, id, source, sha256, record, text, original_ext) VALUES ${placeholders(part.length, 7)}`, params);
    }

    // Originals are content-addressed: only files the database has not seen are uploaded.
    const wanted = docs.filter((d) => contents.originals[d.id]).map((d) => ({ sha: d.sha256, ext: contents.originals[d.id]!.ext, path: contents.originals[d.id]!.path }));
    const { rows: present } = await client.query<{ sha256: string; ext: string }>(
      "SELECT sha256, ext FROM original_files WHERE sha256 = ANY($1::text[])",
      [wanted.map((w) => w.sha)],
    );
    const have = new Set(present.map((r) => `${r.sha256}${r.ext}`));
    for (const w of wanted) {
      if (have.has(`${w.sha}${w.ext}`)) continue;
      have.add(`${w.sha}${w.ext}`);
      await client.query("INSERT INTO original_files (sha256, ext, content) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [w.sha, w.ext, await fs.readFile(w.path)]);
    }

    const chunks = contents.chunks;
    for (let i = 0; i < chunks.length; i += BATCH) {
      const part = chunks.slice(i, i + BATCH);
      const params = part.flatMap((c, j) => [
        version, i + j, c.id, c.documentId, c.source, c.title, c.headingPath, c.page, c.text, c.charStart, c.charEnd, contents.vectors[i + j]!,
      ]);
      await client.query(
        `INSERT INTO chunks (version_id, ordinal, id, document_id, source, title, heading_path, page, text, char_start, char_end, vector) VALUES ${placeholders(part.length, 12)}`,
        params,
      );
    }

    if (options.pgvector && contents.vectors.length > 0) {
      await enablePgvector(client, contents.vectors[0]!.length);
      await copyVersionEmbeddings(client, version);
    }
    if (options.fulltext) {
      await enableFulltext(client);
      await copyVersionFulltext(client, version);
    }
    const before = (await client.query<{ id: string }>("SELECT id FROM index_versions WHERE is_current")).rows[0]?.id ?? null;
    await client.query("UPDATE index_versions SET is_current = false WHERE is_current");
    await client.query("UPDATE index_versions SET is_current = true WHERE id = $1", [version]);
    // Kept: the new version, the one current until now (so "restore previous" always has it), then the newest others.
    const keep = Math.max(2, options.keep ?? 2);
    await client.query(
      `DELETE FROM index_versions WHERE NOT is_current AND id NOT IN (
         SELECT id FROM index_versions ORDER BY is_current DESC, (id = $2) DESC, created_at DESC, id DESC LIMIT $1)`,
      [keep, before ?? ""],
    );
    await client.query(
      "DELETE FROM original_files o WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = o.sha256 AND d.original_ext = o.ext)",
    );
    await client.query("SELECT pg_notify($1, $2)", [VERSION_CHANNEL, version]);
    return version;
  });
}

/** A version in the database, as "restore previous" reports it. */
export interface VersionInfo {
  version: string;
  builtAt: string;
  documents: number;
  corpusDir: string;
}

const VERSION_INFO =
  "SELECT id, manifest->>'builtAt' AS built_at, (manifest->'counts'->>'documents')::int AS documents, manifest->>'corpusDir' AS corpus_dir, manifest->'embedder' AS embedder, manifest->>'analyzer' AS analyzer FROM index_versions";
type VersionInfoRow = { id: string; built_at: string; documents: number; corpus_dir: string; embedder: unknown; analyzer: string };
const infoOf = (r: VersionInfoRow | undefined): VersionInfo | null => (r ? { version: r.id, builtAt: r.built_at, documents: r.documents, corpusDir: r.corpus_dir } : null);

/** The current version and the one "restore previous" would switch to (the newest other version kept). */
export async function postgresIndexVersions(pool: pg.Pool): Promise<{ current: VersionInfo | null; previous: VersionInfo | null }> {
  await migrate(pool);
  const { rows } = await pool.query<VersionInfoRow & { is_current: boolean }>(
    `${VERSION_INFO.replace("FROM", ", is_current FROM")} ORDER BY is_current DESC, created_at DESC, id DESC LIMIT 2`,
  );
  const current = rows[0]?.is_current ? rows[0] : undefined;
  const previous = rows.find((r) => !r.is_current);
  return { current: infoOf(current), previous: infoOf(previous) };
}

/**
 * Makes the previous version current again, in one transaction under the
 * store lock (publishers take turns with it), and announces it with NOTIFY
 * like a publish, so every instance reloads. Returns both versions; null
 * when there is no previous version.
 */
export async function restorePreviousPostgresVersion(
  pool: pg.Pool,
  accept: (candidate: { embedder: unknown; analyzer: string }) => void = () => undefined,
): Promise<{ from: VersionInfo | null; to: VersionInfo } | null> {
  await migrate(pool);
  return underStoreLock(pool, async (client) => {
    const from = infoOf((await client.query<VersionInfoRow>(`${VERSION_INFO} WHERE is_current`)).rows[0]);
    const row = (await client.query<VersionInfoRow>(`${VERSION_INFO} WHERE NOT is_current ORDER BY created_at DESC, id DESC LIMIT 1`)).rows[0];
    if (!row) return null;
    accept({ embedder: row.embedder, analyzer: row.analyzer });
    await makeCurrent(client, row.id);
    return { from, to: infoOf(row)! };
  });
}

/** Makes the stored version `version` current (e.g. back after a failed restore) and announces it. */
export async function switchPostgresVersion(pool: pg.Pool, version: string): Promise<void> {
  await underStoreLock(pool, (client) => makeCurrent(client, version));
}

async function makeCurrent(client: pg.PoolClient, version: string): Promise<void> {
  const { rowCount } = await client.query("SELECT 1 FROM index_versions WHERE id = $1", [version]);
  if (!rowCount) throw new Error(`store/postgres: indexversionen ${version} finns inte`);
  await client.query("UPDATE index_versions SET is_current = false WHERE is_current");
  await client.query("UPDATE index_versions SET is_current = true WHERE id = $1", [version]);
  await client.query("SELECT pg_notify($1, $2)", [VERSION_CHANNEL, version]);
}

/**
 * Finds the documents in a corpus folder. Skips hidden files, the corpus's own
 * notes (SOURCES.md, README.md at the root, ordlista.yml) and metadata
 * sidecars, and pairs each document with its `<file>.meta.yml` sidecar.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { parse as parseYaml } from "yaml";
import { SIDECAR_SUFFIX, type DiscoveredFile } from "../src/core/corpus-folder.js";
import type { DocumentMetadata } from "../src/core/schemas.js";
import { ParseError } from "./parse/errors.js";
import { isSupportedFile } from "./parse/index.js";
import { normalizeMetadata } from "./parse/metadata.js";

/** File names that describe the corpus rather than belong to it, at any depth. */
const IGNORED_ANYWHERE = new Set(["sources.md", "ordlista.yml", "ordlista.yaml", "thumbs.db", "desktop.ini"]);
/** File names ignored only at the corpus root. */
const IGNORED_AT_ROOT = new Set(["readme.md"]);

function isHidden(name: string): boolean {
  return name.startsWith(".") || name.startsWith("~$");
}

/**
 * Lists every document under `corpusDir` recursively, sorted by source path.
 * Throws when the folder does not exist or is not a directory.
 */
export async function discoverFiles(corpusDir: string): Promise<DiscoveredFile[]> {
  const info = await stat(corpusDir).catch((error: unknown) => {
    throw new Error(`discover: korpusmappen ${corpusDir} finns inte eller kan inte läsas (${(error as Error).message}).`);
  });
  if (!info.isDirectory()) throw new Error(`discover: ${corpusDir} är inte en mapp.`);

  const found: DiscoveredFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    const names = new Set(entries.map((e) => e.name));
    for (const entry of entries) {
      if (isHidden(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
        continue;
      }
      if (!entry.isFile()) continue;
      const lower = entry.name.toLowerCase();
      if (lower.endsWith(SIDECAR_SUFFIX) || IGNORED_ANYWHERE.has(lower)) continue;
      if (dir === corpusDir && IGNORED_AT_ROOT.has(lower)) continue;
      const size = (await stat(full)).size;
      const sidecar = `${entry.name}${SIDECAR_SUFFIX}`;
      found.push({
        path: full,
        source: relative(corpusDir, full).split(sep).join("/"),
        ext: extname(entry.name).toLowerCase(),
        bytes: size,
        supported: isSupportedFile(entry.name),
        ...(names.has(sidecar) ? { sidecarPath: join(dir, sidecar) } : {}),
      });
    }
  };
  await walk(corpusDir);
  return found.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

/**
 * Reads and validates a `<file>.meta.yml` sidecar. Accepts the DocumentMetadata
 * keys and Swedish aliases (titel, ägare, revideras …). Throws ParseError
 * "invalid-metadata" naming the file and the offending field.
 */
export async function readSidecar(path: string): Promise<DocumentMetadata> {
  const text = await readFile(path, "utf8");
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ParseError("invalid-metadata", path, `Metadatafilen ${path} är inte giltig YAML: ${(error as Error).message.split("\n")[0]}`, {
      cause: error,
    });
  }
  return normalizeMetadata(raw, path);
}

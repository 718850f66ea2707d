/**
 * Start-up problems an administrator can fix, each said in one line (no
 * stack trace) before anything is written: an index folder that is a file or
 * cannot be read, a corpus folder that is missing when the index has to be
 * built from it, a port another program already listens on.
 */
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import path from "node:path";
import type { Server } from "node:net";
import type { Config } from "./config/env.js";
import { DB_FILE } from "./store/db.js";

/** A start-up problem with the setting to change; main prints only its message. */
class StartupError extends Error {}

const code = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? String(err);

/**
 * INDEX_DIR must be a readable folder, or not exist yet with a folder above
 * it that can be written. (A file there would be replaced by the index's
 * symlink on first start.)
 */
export async function checkIndexFolder(indexDir: string): Promise<void> {
  const info = await stat(indexDir).catch((err: unknown) => {
    if (code(err) === "ENOENT") return null;
    throw new StartupError(`Indexmappen ${indexDir} (INDEX_DIR) kan inte läsas (${code(err)}).`);
  });
  if (info && !info.isDirectory()) throw new StartupError(`INDEX_DIR=${indexDir} är en fil, inte en mapp. Ange en mapp för indexet.`);
  if (info) {
    await access(indexDir, constants.R_OK | constants.X_OK).catch((err: unknown) => {
      throw new StartupError(`Indexmappen ${indexDir} (INDEX_DIR) kan inte läsas (${code(err)}). Kontrollera behörigheterna för användaren som kör tjänsten.`);
    });
    return;
  }
  // Not there yet: the nearest existing folder above must be a writable folder.
  let parent = path.dirname(indexDir);
  for (;;) {
    const above = await stat(parent).catch(() => null);
    if (above) {
      if (!above.isDirectory()) throw new StartupError(`Indexmappen ${indexDir} (INDEX_DIR) kan inte skapas: ${parent} är en fil.`);
      await access(parent, constants.W_OK | constants.X_OK).catch((err: unknown) => {
        throw new StartupError(`Indexmappen ${indexDir} (INDEX_DIR) kan inte skapas i ${parent} (${code(err)}).`);
      });
      return;
    }
    const next = path.dirname(parent);
    if (next === parent) return;
    parent = next;
  }
}

/** The corpus must be a folder when the index has to be built (first start, or an older text analysis). */
export async function checkCorpusForIngest(config: Pick<Config, "corpusDir" | "indexDir">): Promise<void> {
  const info = await stat(config.corpusDir).catch(() => null);
  if (!info) {
    throw new StartupError(
      `Korpusmappen ${config.corpusDir} (CORPUS_DIR) finns inte, och indexet i ${config.indexDir} måste byggas från den. ` +
        `Ange CORPUS_DIR=<mappen med rutinerna>, eller INDEX_DIR=<ett färdigt index>.`,
    );
  }
  if (!info.isDirectory()) throw new StartupError(`CORPUS_DIR=${config.corpusDir} är en fil, inte en mapp med dokument.`);
}

/** Where jobs, feedback, the audit trail and the question log are kept, for the start-up line. */
export function databaseDescription(config: Pick<Config, "dataDir" | "store">): string {
  return config.store.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : path.join(config.dataDir, DB_FILE);
}

/** Turns a listen error (port in use, not allowed) into a StartupError; resolves once listening. */
export function listening(server: Server, config: Pick<Config, "port" | "host">): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: unknown) => {
      server.off("listening", onListening);
      const c = code(err);
      reject(
        new StartupError(
          c === "EADDRINUSE"
            ? `Porten ${config.port} på ${config.host} används redan av ett annat program. Stoppa det eller välj en annan port med PORT=….`
            : c === "EACCES"
              ? `Tjänsten får inte lyssna på port ${config.port} (${c}). Välj en port över 1024 med PORT=….`
              : `Tjänsten kan inte lyssna på ${config.host}:${config.port} (${c}). Kontrollera HOST och PORT.`,
        ),
      );
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
  });
}

/**
 * Guards against an admin action silently emptying the index. Two checks run
 * before any document change (upload, metadata edit, delete, reindex) writes
 * a file or starts a job:
 *
 * 1. The index knows its corpus: the manifest records the folder it was built
 *    from. A server configured with another CORPUS_DIR refuses every change
 *    (409 corpus_mismatch): a job would re-read the configured folder and
 *    replace the whole index with what happens to be there (the reported
 *    case: an index of 1,143 documents replaced by the 19 sample documents
 *    of the default `corpus/`).
 * 2. A job that would remove more than MAX_REMOVAL_SHARE of the indexed
 *    documents needs explicit confirmation (409 confirm_removal with the
 *    counts; the request is repeated with `?confirm=true`).
 */
import { realpathSync } from "node:fs";
import path from "node:path";
import type { DiscoveredFile } from "../core/corpus-folder.js";
import { AppError } from "../core/errors.js";
import type { Manifest } from "../core/index-store.js";

/** A folder as it resolves on disk (symlinks followed), or its absolute path when it does not exist. */
function resolveFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/**
 * The configured corpus folder is not the one the served index was built
 * from. Refusing beats silently following the manifest's folder: following it
 * would write uploads, sidecars and deletions into a folder the administrator
 * did not configure for this server (and may not know is in use), while
 * following the configured one would rebuild the index from the wrong
 * documents. Only the administrator can say which folder is right, so nothing
 * changes until the two agree.
 */
export class CorpusMismatchError extends AppError {
  readonly configuredCorpusDir: string;
  readonly indexCorpusDir: string;
  constructor(configured: string, indexed: string) {
    super(
      "corpus_mismatch",
      `Indexet byggdes från mappen ${indexed}, men tjänsten är startad med CORPUS_DIR=${configured}. ` +
        `Inga dokument kan ändras, eftersom en inläsning då skulle ersätta indexet med innehållet i fel mapp. ` +
        `Starta om tjänsten med CORPUS_DIR=${indexed}, eller bygg först ett nytt index av ${configured} (npm run ingest -- --corpus ${configured} --index <INDEX_DIR>).`,
      409,
    );
    this.configuredCorpusDir = configured;
    this.indexCorpusDir = indexed;
  }
}

/** The mismatch between the configured corpus folder and the manifest's, or null when they resolve to the same folder. */
export function corpusMismatch(configuredCorpusDir: string, manifest: Pick<Manifest, "corpusDir">): CorpusMismatchError | null {
  const configured = resolveFolder(configuredCorpusDir);
  // Manifests always record an absolute path; an older relative one is read against the working directory.
  const indexed = resolveFolder(manifest.corpusDir);
  return configured === indexed ? null : new CorpusMismatchError(configured, indexed);
}

/** What a job would do to the number of indexed documents, judged from the corpus folder before it starts. */
export interface RemovalEstimate {
  /** Documents in the served index. */
  before: number;
  /** Documents the job would index: supported files discovery finds, after the request's own changes. */
  after: number;
  /** Indexed documents whose file would no longer be found. */
  removed: number;
  /** Of `removed`, those the request did not name itself (a DELETE names its document). */
  unrequested: number;
  /** Sources of the removed documents (at most 20, for the confirmation dialog). */
  sources: string[];
}

/**
 * Compares the manifest with what discovery finds in the corpus folder now,
 * adjusted for the request: `adds` are sources an upload will write,
 * `removes` the source a delete will remove. Files that fail to parse are
 * not known yet, so `after` is an upper bound.
 */
export function estimateRemoval(manifest: Pick<Manifest, "documents">, corpus: DiscoveredFile[], change: { adds?: string[]; removes?: string[] } = {}): RemovalEstimate {
  const present = new Set(corpus.filter((f) => f.supported).map((f) => f.source));
  for (const s of change.removes ?? []) present.delete(s);
  for (const s of change.adds ?? []) present.add(s);
  const named = new Set(change.removes ?? []);
  const gone = manifest.documents.filter((d) => !present.has(d.source));
  return {
    before: manifest.documents.length,
    after: present.size,
    removed: gone.length,
    unrequested: gone.filter((d) => !named.has(d.source)).length,
    sources: gone.slice(0, 20).map((d) => d.source),
  };
}

/** The job would remove more than the allowed share of the documents and the request did not confirm it. */
export class RemovalNeedsConfirmationError extends AppError {
  readonly estimate: RemovalEstimate;
  readonly maxShare: number;
  constructor(estimate: RemovalEstimate, maxShare: number) {
    const percent = (n: number) => `${Math.round(n * 1000) / 10} %`.replace(".", ",");
    super(
      "confirm_removal",
      `Jobbet skulle ta bort ${estimate.removed} av ${estimate.before} dokument ur indexet (${percent(estimate.removed / Math.max(1, estimate.before))}; ` +
        `gränsen är ${percent(maxShare)}), så att ${estimate.after} dokument återstår. ` +
        `Kontrollera korpusmappen; skicka förfrågan igen med bekräftelse (?confirm=true) om det är avsikten.`,
      409,
    );
    this.estimate = estimate;
    this.maxShare = maxShare;
  }
}

/**
 * Throws RemovalNeedsConfirmationError when the documents the request did not
 * name itself exceed `maxShare` of the index and `confirmed` is false.
 */
export function checkRemoval(estimate: RemovalEstimate, maxShare: number, confirmed: boolean): void {
  if (confirmed || estimate.before === 0) return;
  if (estimate.unrequested / estimate.before > maxShare) throw new RemovalNeedsConfirmationError(estimate, maxShare);
}

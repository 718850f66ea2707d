/**
 * The shape of a corpus folder, shared by ingest/ (which reads it) and
 * src/admin (which lists, uploads and removes files in it): one discovered
 * document and the name of its metadata sidecar.
 */

/** Suffix of a metadata sidecar: `rutin.pdf` → `rutin.pdf.meta.yml`. */
export const SIDECAR_SUFFIX = ".meta.yml";

/** One document found in the corpus. */
export interface DiscoveredFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the corpus folder, with "/" separators; the document's stable source name. */
  source: string;
  /** Lower-case extension with dot, e.g. ".pdf". */
  ext: string;
  /** Size in bytes. */
  bytes: number;
  /** Whether a parser exists for the extension (unsupported files are listed so they can be reported). */
  supported: boolean;
  /** Absolute path of `<file>.meta.yml` when it exists. */
  sidecarPath?: string;
}

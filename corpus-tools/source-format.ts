/**
 * Reads the small Markdown-like source format that the binary sample documents
 * (PDF, DOCX, Windows-1252 text) are written in. Only the constructs the
 * renderers need exist: headings, paragraphs, numbered and bulleted items and
 * pipe tables. Keeping the content in plain text makes it reviewable in diffs,
 * unlike the generated binaries.
 */
import { parse as parseYaml } from "yaml";

/** Output formats the build script can render a source into. */
type BinaryFormat = "pdf" | "docx" | "txt";

/** One structural block of a source document, in reading order. */
export type SourceBlock =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "ordered"; items: string[] }
  | { kind: "bullets"; items: string[] }
  | { kind: "table"; header: string[]; rows: string[][] };

/** Front matter of a source file: sidecar metadata plus rendering options. */
interface SourceMeta {
  title: string;
  owner: string;
  version: string;
  reviewBy: string;
  collection: string;
  /** Output path relative to the corpus folder, e.g. "barn-och-unga/rutin-orosanmalan.pdf". */
  output: string;
  format: BinaryFormat;
  /** Short routine name used in the PDF/DOCX footer ("Rutin: <name> | ..."). */
  routineName: string;
  /** Document version label shown in the footer, e.g. "2.1". */
  versionLabel: string;
  /** Only for txt: "cp1252" writes single-byte åäö and CRLF line endings. */
  encoding?: "utf-8" | "cp1252";
}

export interface SourceDocument {
  meta: SourceMeta;
  blocks: SourceBlock[];
}

/** Thrown when a source file does not follow the format. */
class SourceFormatError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`source-format: ${file}: ${reason}`);
    this.name = "SourceFormatError";
  }
}

const REQUIRED_KEYS = ["title", "owner", "version", "reviewBy", "collection", "output", "format", "routineName", "versionLabel"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses one source file (YAML front matter between `---` lines, then body).
 * @param file name used in error messages
 * @param raw file content
 */
export function parseSource(file: string, raw: string): SourceDocument {
  const text = raw.replace(/\r\n/g, "\n");
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!fm) throw new SourceFormatError(file, "saknar front matter mellan ---");
  const meta = parseYaml(fm[1] ?? "") as Record<string, unknown>;
  for (const key of REQUIRED_KEYS) {
    if (typeof meta[key] !== "string" || (meta[key] as string).length === 0) {
      throw new SourceFormatError(file, `front matter saknar "${key}"`);
    }
  }
  if (!DATE.test(meta.version as string) || !DATE.test(meta.reviewBy as string)) {
    throw new SourceFormatError(file, "version och reviewBy ska vara YYYY-MM-DD");
  }
  if (!["pdf", "docx", "txt"].includes(meta.format as string)) {
    throw new SourceFormatError(file, `okänt format "${String(meta.format)}"`);
  }
  return { meta: meta as unknown as SourceMeta, blocks: parseBody(text.slice(fm[0].length)) };
}

/** Splits the body into blocks; consecutive text lines form one paragraph. */
function parseBody(body: string): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
    paragraph = [];
  };
  for (const rawLine of body.split("\n")) {
    const line = rawLine.trim();
    const last = blocks[blocks.length - 1];
    if (line === "") {
      flush();
      continue;
    }
    const heading = /^(#{1,3}) (.+)$/.exec(line);
    const ordered = /^\d+\. (.+)$/.exec(line);
    const bullet = /^- (.+)$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: "heading", level: heading[1]!.length as 1 | 2 | 3, text: heading[2]! });
    } else if (ordered) {
      flush();
      if (last?.kind === "ordered") last.items.push(ordered[1]!);
      else blocks.push({ kind: "ordered", items: [ordered[1]!] });
    } else if (bullet) {
      flush();
      if (last?.kind === "bullets") last.items.push(bullet[1]!);
      else blocks.push({ kind: "bullets", items: [bullet[1]!] });
    } else if (line.startsWith("|")) {
      flush();
      const cells = line.replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());
      if (cells.every((c) => /^:?-{3,}:?$/.test(c))) continue;
      if (last?.kind === "table") last.rows.push(cells);
      else blocks.push({ kind: "table", header: cells, rows: [] });
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/**
 * Data contracts shared by ingest, query, server and eval.
 * Persisted shapes carry a schema version in the index manifest.
 */
import { z } from "zod";

const DOCUMENT_FORMATS = ["pdf", "docx", "html", "markdown", "text"] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/**
 * One structural block produced by a parser, in reading order.
 * Parsers only turn a file format into blocks; `sections.ts` turns blocks into
 * the document's extracted text with offsets and heading paths.
 */
export interface Block {
  kind: "heading" | "paragraph" | "list-item" | "table-row";
  /** Heading level 1..6, only for kind "heading". */
  level?: number;
  /** Plain text of the block; table rows have cells joined by " | ". */
  text: string;
  /** 1-based page number for paginated formats (PDF), otherwise null. */
  page: number | null;
  /** For list items: true when the list is ordered (numbered steps). */
  ordered?: boolean;
}

/** Optional document metadata from front matter, sidecar file or admin edits. */
export const documentMetadataSchema = z.object({
  title: z.string().min(1).optional(),
  owner: z.string().optional(),
  version: z.string().optional(),
  reviewBy: z.string().optional(),
  collection: z.string().optional(),
  /** From the document's control block ("Dokumentet är beslutat av: …", ingest/control-block.ts). */
  adoptedBy: z.string().optional(),
  adoptedOn: z.string().optional(),
  updatedOn: z.string().optional(),
  validFrom: z.string().optional(),
  validUntil: z.string().optional(),
  /** Where the published original lives (front matter `source_url`). */
  sourceUrl: z.string().optional(),
});
export type DocumentMetadata = z.infer<typeof documentMetadataSchema>;

/** What a parser returns for one file. */
export interface ParsedFile {
  /** Title found in the file itself (PDF info, first heading, <title>), if any. */
  title: string | null;
  format: DocumentFormat;
  /** Number of pages for paginated formats, otherwise null. */
  pages: number | null;
  blocks: Block[];
  /** Human-readable warnings in Swedish, e.g. "Sida 3 saknar textlager (behöver OCR)". */
  warnings: string[];
  metadata: DocumentMetadata;
}

/** A block placed in the document's extracted text. */
export interface Section {
  kind: Block["kind"];
  ordered?: boolean;
  headingPath: string[];
  page: number | null;
  text: string;
  /** Offsets into ParsedDocument.text (UTF-16 code units, end exclusive). */
  charStart: number;
  charEnd: number;
}

export interface ParsedDocument {
  id: string;
  /** Path relative to the corpus folder, with "/" separators. */
  source: string;
  title: string;
  format: DocumentFormat;
  pages: number | null;
  /** The document's extracted text; every chunk and citation points into it. */
  text: string;
  sections: Section[];
  warnings: string[];
  metadata: DocumentMetadata;
  sha256: string;
}

export const chunkSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  source: z.string(),
  title: z.string(),
  headingPath: z.array(z.string()),
  page: z.number().int().nullable(),
  text: z.string(),
  charStart: z.number().int(),
  charEnd: z.number().int(),
});
export type Chunk = z.infer<typeof chunkSchema>;

export const documentRecordSchema = z.object({
  id: z.string(),
  source: z.string(),
  title: z.string(),
  format: z.enum(DOCUMENT_FORMATS),
  pages: z.number().int().nullable(),
  chunks: z.number().int(),
  sha256: z.string(),
  warnings: z.array(z.string()),
  metadata: documentMetadataSchema,
  ingestedAt: z.string(),
});
export type DocumentRecord = z.infer<typeof documentRecordSchema>;

export const chatTurnSchema = z.object({
  role: z.enum(["user", "assistant"]),
  content: z.string().max(8000),
});
export type ChatTurn = z.infer<typeof chatTurnSchema>;

export const askRequestSchema = z.object({
  question: z.string({ error: "Frågan saknas eller är inte text." }).trim().min(1, "Frågan är tom.").max(2000, "Frågan är för lång (högst 2000 tecken)."),
  history: z.array(chatTurnSchema).max(20).optional(),
  options: z
    .object({
      topK: z.number().int().min(1).max(50).optional(),
      includeRetrieved: z.boolean().optional(),
      /** Search only these collections (units); checked against the index in src/server/routes/ask.ts. */
      collections: z.array(z.string().trim().min(1, "Enhetens namn är tomt.").max(200)).min(1, "Ange minst en enhet, eller utelämna collections.").max(100).optional(),
      /** The reader's own unit: of a passage found in several units, this unit's copy is cited. */
      unit: z.string().trim().min(1, "Enhetens namn är tomt.").max(200).optional(),
    })
    .optional(),
});
export type AskRequest = z.infer<typeof askRequestSchema>;

/** Another document holding the same passage word for word (a unit's copy of a shared routine). */
export interface CopyRef {
  documentId: string;
  source: string;
  title: string;
  /** The copy's collection (unit); added by the HTTP API (src/server/citation-details.ts). */
  collection?: string;
}

/**
 * Where a cited document belongs and how current it is, from its metadata
 * (control block and front matter); added to citations and retrieved
 * passages by the HTTP API (src/server/citation-details.ts).
 */
export interface DocumentDetails {
  /** The document's collection (its unit folder). */
  collection?: string;
  owner?: string;
  updatedOn?: string;
  validUntil?: string;
  reviewBy?: string;
  /** The published original (front matter `source_url`). */
  sourceUrl?: string;
}

export interface Citation extends DocumentDetails {
  n: number;
  chunkId: string;
  documentId: string;
  source: string;
  title: string;
  section: string;
  page: number | null;
  /** Verbatim substring of the chunk's text. */
  quote: string;
  url: string;
  /** Other documents with the same passage word for word; one citation names them all. */
  alsoIn?: CopyRef[];
}

export interface RetrievedPassage extends DocumentDetails {
  chunkId: string;
  documentId: string;
  source: string;
  title: string;
  section: string;
  page: number | null;
  score: number;
  text: string;
  /** Other documents with the same passage word for word. */
  alsoIn?: CopyRef[];
}

export interface Answer {
  answer: string;
  abstained: boolean;
  citations: Citation[];
  retrieved?: RetrievedPassage[];
  /** Notices for the reader, e.g. that a cited routine is past its review date. */
  notices: string[];
  timingMs: number;
  /** "generative" when a language model wrote the answer; "extractive" (or absent) when it is quoted from the sources. */
  mode?: "extractive" | "generative";
  /** Sentences of a model answer removed because no valid citation supported them (generative mode). */
  removedClaims?: string[];
  /** Estimated probability (0..1) that the question is answerable from the passages found (src/query/abstention.ts). */
  confidence?: number;
  /** True when the evidence was weak and the answer carries the "Osäkert underlag" notice. */
  uncertain?: boolean;
  /** The signals behind `confidence`, returned with `includeRetrieved` for evaluation and calibration. */
  signals?: { coverage: number; evidenceCoverage: number; unseenNoun: boolean; focusMissing: boolean; answerTypeMissing: boolean };
  /** Set when the question contained personal data (masked before use): "Skriv inte personuppgifter i frågan." */
  piiWarning?: string;
}

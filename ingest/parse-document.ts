/**
 * A file's bytes into a `ParsedDocument`: parsed by format, scanned pages
 * read by OCR, the control block taken out as metadata, and the remaining
 * blocks laid out as one text with sections.
 */
import path from "node:path";
import type { Config } from "../src/config/env.js";
import { documentIdFor } from "../src/core/ids.js";
import type { DocumentMetadata, ParsedDocument } from "../src/core/schemas.js";
import { controlMetadata, extractControlBlock } from "./control-block.js";
import { applyOcr } from "./ocr.js";
import { parseFile } from "./parse/index.js";
import { buildSections } from "./sections.js";

export async function parseDocument(
  source: string,
  bytes: Buffer,
  sha256: string,
  sidecar: DocumentMetadata,
  config: Config,
): Promise<ParsedDocument> {
  const parsedFile = await parseFile(bytes, source);
  // Scanned PDF pages have no text layer; OCR reads them when tesseract is installed.
  const parsed = config.ocr.enabled ? await applyOcr(parsedFile, bytes, { language: config.ocr.language }) : parsedFile;
  // The control block ("Dokumentet är beslutat av: …") is metadata, not content; front matter and sidecar win over it.
  const control = config.ablate.includes("control") ? { blocks: parsed.blocks, fields: {} } : extractControlBlock(parsed.blocks);
  const metadata: DocumentMetadata = { ...controlMetadata(control.fields), ...parsed.metadata, ...sidecar };
  const { text, sections } = buildSections(control.blocks);
  const warnings = [...parsed.warnings];
  if (text.trim() === "") warnings.push("Dokumentet innehåller ingen text som kunde läsas ut.");
  return {
    id: documentIdFor(source),
    source,
    title: metadata.title ?? parsed.title ?? titleFromFileName(source),
    format: parsed.format,
    pages: parsed.pages,
    text,
    sections,
    warnings,
    metadata: { ...metadata, collection: collectionOf(source, metadata) },
    sha256,
  };
}

function collectionOf(source: string, metadata: DocumentMetadata): string {
  if (metadata.collection) return metadata.collection;
  const parts = source.split("/");
  return parts.length > 1 ? parts[0]! : "allmänt";
}

function titleFromFileName(source: string): string {
  const base = path.basename(source, path.extname(source)).replace(/[-_]+/g, " ").trim();
  return base.charAt(0).toUpperCase() + base.slice(1);
}

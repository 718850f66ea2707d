/**
 * The index side of the text analysis, shared by both pipelines: which
 * analysis steps are in force for a configuration, the analyzer version the
 * manifest records (ingest/ writes it, src/query checks it), and the lexical
 * terms of one chunk's fields. Questions are analysed in src/query/analysis.ts.
 */
import type { Config } from "../config/env.js";
import type { FieldTerms } from "../core/lexical-index.js";
import type { Chunk } from "../core/schemas.js";
import { analyzeForIndex, analyzerVersion, type TextContext, type TextFeatures } from "./analyze.js";

/** Text analysis steps in force for a configuration (all on unless ablated). */
export function textFeatures(config: Pick<Config, "ablate">): TextFeatures {
  const off = new Set<string>(config.ablate);
  return {
    stemming: !off.has("stemming"),
    compounds: !off.has("compounds"),
    glossary: !off.has("glossary"),
    typos: !off.has("typos"),
    lemmas: !off.has("lemmas"),
    thesaurus: !off.has("thesaurus"),
  };
}

/** Recorded in the manifest: lexical terms from another analyzer would not match. */
export function analyzerVersionFor(config: Pick<Config, "ablate">): string {
  // Chunks built with the control block left in (ablation) hold other text: such an index must not be reused.
  const control = config.ablate.includes("control") ? "+nocontrol" : "";
  return analyzerVersion(textFeatures(config)) + control;
}

/** Analyse one chunk's fields for the lexical index. */
export function analyzeChunkFields(chunk: Chunk, ctx?: TextContext): FieldTerms {
  return {
    body: analyzeForIndex(chunk.text, ctx),
    heading: analyzeForIndex(chunk.headingPath.join(" "), ctx),
    // File names often say what a document is ("skr-debattartikel-…") when its title does not.
    title: analyzeForIndex(`${chunk.title} ${fileNameWords(chunk.source)}`, ctx),
  };
}

function fileNameWords(source: string): string {
  const base = source.split("/").pop() ?? source;
  return base.replace(/\.[^.]+$/u, "").replace(/[-_.]+/gu, " ");
}

/**
 * The index side of the text analysis, shared by both pipelines: the terms
 * of a text, which analysis steps are in force for a configuration, the
 * analyzer version the manifest records (ingest/ writes it, src/query checks
 * it), and the lexical terms of one chunk's fields. Questions are analysed in
 * query-analysis.ts (src/query/analysis.ts wraps it).
 *
 * Index side: each content token's term plus the terms of its compound parts.
 * The glossary and typo correction are query-side only, so editing
 * `ordlista.yml` never requires re-indexing.
 */
import type { Config } from "../config/env.js";
import type { FieldTerms } from "../core/lexical-index.js";
import type { Chunk } from "../core/schemas.js";
import { ALL_TEXT_FEATURES, defaultTextContext, partsOf, termFor, type TextContext, type TextFeatures } from "./text-context.js";
import { contentTokens } from "./terms.js";

/**
 * Version of the index-side analysis. Bump it whenever `analyzeForIndex`
 * would produce different terms, so old indexes are rejected instead of
 * silently matching nothing. sv-5: control blocks ("Dokumentet är beslutat av: …")
 * are taken out of the chunks (ingest/control-block.ts), so chunks changed too.
 * sv-6: "n/m" page markers leave the text and "| A | B |" rows become table rows (ingest/parse).
 */
const TEXT_ANALYZER_VERSION = "sv-6";

/** The analyzer version for a feature set: index terms from another version would not match. */
function analyzerVersion(features: TextFeatures = ALL_TEXT_FEATURES): string {
  const off = [!features.stemming && "nostem", !features.compounds && "nocompounds"].filter(Boolean);
  return [TEXT_ANALYZER_VERSION, ...off].join("+");
}

/**
 * Index terms of `text`, in order and with repeats (term frequency matters):
 * the term of each content token followed by the terms of its compound parts.
 */
export function analyzeForIndex(text: string, ctx: TextContext = defaultTextContext()): string[] {
  const out: string[] = [];
  const cache = tokenTermCache(ctx);
  for (const token of contentTokens(text)) {
    let terms = cache.get(token);
    if (!terms) {
      const whole = termFor(token, ctx.features);
      const list = [whole];
      for (const part of partsOf(token, ctx)) {
        const t = termFor(part, ctx.features);
        if (t !== whole) list.push(t);
      }
      terms = list;
      // Bounded: a corpus has far fewer distinct words, but hostile input could have more.
      if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
      cache.set(token, terms);
    }
    for (const t of terms) out.push(t);
  }
  return out;
}

/** Distinct tokens whose index terms are remembered per context (stemming and splitting dominate analysis time). */
const MAX_CACHED_TOKENS = 200_000;
const tokenTermCaches = new WeakMap<TextContext, Map<string, readonly string[]>>();
function tokenTermCache(ctx: TextContext): Map<string, readonly string[]> {
  let cache = tokenTermCaches.get(ctx);
  if (!cache) tokenTermCaches.set(ctx, (cache = new Map()));
  return cache;
}

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

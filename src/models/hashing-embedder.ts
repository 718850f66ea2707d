/**
 * The offline default embedder: hashed word and character n-gram features
 * (the "hashing trick"), L2-normalised. It needs no model download, is
 * deterministic, and character n-grams give partial credit for inflections,
 * compounds and typos, which pure word matching misses.
 */
import { Embeddings } from "@langchain/core/embeddings";
import { fnv1a } from "../core/ids.js";
import { foldDiacritics, isStopword, stem, tokenize } from "../text/index.js";

export interface HashingEmbedderOptions {
  dimensions: number;
}

/** Identifies the feature recipe; bump when features change so old indexes are refused. */
export const HASHING_EMBEDDER_VERSION = "hash-ngram-v1";

export class HashingEmbeddings extends Embeddings {
  readonly dimensions: number;

  constructor(options: HashingEmbedderOptions) {
    super({});
    this.dimensions = options.dimensions;
  }

  /** Sparse features with weights; exported for tests and the benchmark baseline. */
  features(text: string): Map<string, number> {
    const feats = new Map<string, number>();
    const add = (f: string, w: number) => feats.set(f, (feats.get(f) ?? 0) + w);
    for (const raw of tokenize(text)) {
      if (isStopword(raw)) continue;
      const word = foldDiacritics(raw);
      add(`w:${foldDiacritics(stem(raw))}`, 1.0);
      if (word.length < 4) continue;
      const padded = `<${word}>`;
      for (const n of [3, 4, 5]) {
        for (let i = 0; i + n <= padded.length; i++) add(`c${n}:${padded.slice(i, i + n)}`, 0.25);
      }
    }
    return feats;
  }

  embedText(text: string): number[] {
    const v = new Float64Array(this.dimensions);
    for (const [f, tf] of this.features(text)) {
      const h = fnv1a(f);
      const sign = (h & 1) === 0 ? 1 : -1;
      // Sublinear tf so a word repeated in a long chunk does not dominate.
      v[(h >>> 1) % this.dimensions]! += sign * (1 + Math.log(tf + 1));
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => x / norm);
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedText(t));
  }

  override async embedQuery(text: string): Promise<number[]> {
    return this.embedText(text);
  }
}

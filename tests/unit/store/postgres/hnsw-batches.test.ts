/**
 * STORE=postgres rebuilds the HNSW graph when a server loads a version; it
 * does so in batches so the server keeps answering (issue 15). The batches
 * must build the same graph as one call: same neighbours for every query.
 */
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { describe, expect, it } from "vitest";
import { HashingEmbeddings } from "../../../../src/models/hashing-embedder.js";
import { addVectorsInBatches } from "../../../../src/store/postgres/load.js";
import { turnsDuring } from "../../../helpers/event-loop.js";

/** Deterministic pseudo-random unit vectors. */
function vectors(n: number, d: number, seed: number): number[][] {
  let x = seed;
  const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32) - 0.5;
  return Array.from({ length: n }, () => {
    const v = Array.from({ length: d }, next);
    const norm = Math.hypot(...v);
    return v.map((a) => a / norm);
  });
}

describe("addVectorsInBatches", () => {
  it("builds the graph one call builds, and hands the event loop back between batches", async () => {
    const d = 32;
    const data = vectors(700, d, 7);
    const docs = data.map((_, i) => ({ pageContent: "", metadata: { i } }));
    const embeddings = new HashingEmbeddings({ dimensions: d });
    const once = new HNSWLib(embeddings, { space: "cosine", numDimensions: d });
    await once.addVectors(data, docs);
    const batched = new HNSWLib(embeddings, { space: "cosine", numDimensions: d });
    const { turns } = await turnsDuring(() => addVectorsInBatches(batched, data, docs, 100));
    expect(turns).toBeGreaterThanOrEqual(6);
    for (const q of vectors(25, d, 99)) {
      const [a, b] = [await once.similaritySearchVectorWithScore(q, 10), await batched.similaritySearchVectorWithScore(q, 10)];
      expect(b.map(([doc, score]) => [doc.metadata.i, score])).toEqual(a.map(([doc, score]) => [doc.metadata.i, score]));
    }
  });
});

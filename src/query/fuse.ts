/**
 * Weighted reciprocal rank fusion: combines rankings whose raw scores are not
 * comparable (BM25 vs cosine) by rank alone.
 */
export interface RankedList {
  ids: number[];
  weight: number;
}

export function reciprocalRankFusion(lists: RankedList[], k: number): Map<number, number> {
  const fused = new Map<number, number>();
  for (const list of lists) {
    list.ids.forEach((id, rank) => {
      fused.set(id, (fused.get(id) ?? 0) + list.weight / (k + rank + 1));
    });
  }
  return fused;
}

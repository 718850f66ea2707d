/**
 * A BM25F-style inverted index over pre-analysed terms. It knows nothing about
 * Swedish: callers pass terms produced by src/text (analyzeForIndex for chunks,
 * analyzeQuery for questions), so the same analysis is guaranteed on both sides.
 * Title and heading terms count more than body terms (field boosts in tuning.ts).
 */
export interface FieldTerms {
  body: string[];
  heading: string[];
  title: string[];
}

export interface LexicalParams {
  k1: number;
  b: number;
  titleBoost: number;
  headingBoost: number;
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface LexicalHit {
  /** Position of the chunk in the index's chunk list. */
  doc: number;
  score: number;
  /** Share of the query's idf-weighted terms found in the chunk (0..1), the abstention signal. */
  coverage: number;
}

interface SerializedLexical {
  version: 1;
  params: LexicalParams;
  docCount: number;
  avgLength: number;
  lengths: number[];
  postings: Record<string, number[]>;
}

export class LexicalIndex {
  private readonly postings: Map<string, number[]>;
  private readonly lengths: number[];
  private readonly avgLength: number;
  readonly params: LexicalParams;
  /** Per-chunk BM25 length normalisation, computed once instead of per posting and query. */
  private readonly norms: Float64Array;
  /**
   * Score accumulators reused across searches (search is synchronous, so one
   * set per index is safe). `stamp[doc] === epoch` marks a chunk touched by the
   * current search, which avoids clearing arrays of 100k entries per query.
   */
  private readonly acc: Float64Array;
  private readonly matched: Float64Array;
  private readonly stamp: Uint32Array;
  private epoch = 0;

  private constructor(params: LexicalParams, postings: Map<string, number[]>, lengths: number[], avgLength: number) {
    this.params = params;
    this.postings = postings;
    this.lengths = lengths;
    this.avgLength = avgLength;
    const n = lengths.length;
    this.norms = new Float64Array(n);
    for (let doc = 0; doc < n; doc++) this.norms[doc] = 1 - params.b + params.b * (lengths[doc]! / (avgLength || 1));
    this.acc = new Float64Array(n);
    this.matched = new Float64Array(n);
    this.stamp = new Uint32Array(n);
  }

  /** Build from per-chunk field terms, in chunk order. */
  static build(docs: FieldTerms[], params: LexicalParams): LexicalIndex {
    const postings = new Map<string, number[]>();
    const lengths: number[] = [];
    docs.forEach((fields, doc) => {
      const tf = new Map<string, number>();
      const add = (terms: string[], w: number) => {
        for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + w);
      };
      add(fields.body, 1);
      add(fields.heading, params.headingBoost);
      add(fields.title, params.titleBoost);
      lengths.push(fields.body.length + fields.heading.length + fields.title.length);
      for (const [term, freq] of tf) {
        let list = postings.get(term);
        if (!list) postings.set(term, (list = []));
        // Flat [doc, tf, doc, tf, ...] keeps 100k-chunk indexes compact in memory and JSON.
        list.push(doc, Math.round(freq * 100) / 100);
      }
    });
    const avg = lengths.length === 0 ? 0 : lengths.reduce((a, b) => a + b, 0) / lengths.length;
    return new LexicalIndex(params, postings, lengths, avg);
  }

  /**
   * The same index over groups of chunks (a document's chunks): a group's
   * term frequency is the sum over its chunks and its length the sum of
   * theirs. Built from the postings, so no text is analysed again.
   * `groupOf[chunk]` is the chunk's group, 0 ≤ group < `groups`.
   */
  grouped(groupOf: ArrayLike<number>, groups: number): LexicalIndex {
    const lengths = new Array<number>(groups).fill(0);
    this.lengths.forEach((len, doc) => {
      lengths[groupOf[doc]!]! += len;
    });
    const postings = new Map<string, number[]>();
    const tf = new Map<number, number>();
    for (const [term, list] of this.postings) {
      tf.clear();
      for (let i = 0; i < list.length; i += 2) {
        const g = groupOf[list[i]!]!;
        tf.set(g, (tf.get(g) ?? 0) + list[i + 1]!);
      }
      const out: number[] = [];
      for (const g of [...tf.keys()].sort((a, b) => a - b)) out.push(g, Math.round(tf.get(g)! * 100) / 100);
      postings.set(term, out);
    }
    const avg = groups === 0 ? 0 : lengths.reduce((a, b) => a + b, 0) / groups;
    return new LexicalIndex(this.params, postings, lengths, avg);
  }

  static fromJSON(data: unknown): LexicalIndex {
    const d = data as SerializedLexical;
    if (d?.version !== 1) throw new Error(`lexical index: unknown version ${String(d?.version)}`);
    return new LexicalIndex(d.params, new Map(Object.entries(d.postings)), d.lengths, d.avgLength);
  }

  toJSON(): SerializedLexical {
    return {
      version: 1,
      params: this.params,
      docCount: this.lengths.length,
      avgLength: this.avgLength,
      lengths: this.lengths,
      postings: Object.fromEntries(this.postings),
    };
  }

  get size(): number {
    return this.lengths.length;
  }

  /** Every indexed term; the query side uses it for typo correction and compound splitting. */
  vocabulary(): IterableIterator<string> {
    return this.postings.keys();
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /**
   * True when chunk `doc` has `term` in any field. Binary search in the
   * term's postings (chunk positions ascending), so reranking can test terms
   * of a candidate without analysing its text again.
   */
  contains(term: string, doc: number): boolean {
    const list = this.postings.get(term);
    if (!list) return false;
    let lo = 0;
    let hi = list.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = list[mid * 2]!;
      if (d === doc) return true;
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Inverse document frequency (BM25+ style, always positive). */
  idf(term: string): number {
    const list = this.postings.get(term);
    const df = list ? list.length / 2 : 0;
    return Math.log(1 + (this.lengths.length - df + 0.5) / (df + 0.5));
  }

  /**
   * Score every chunk that contains a query term; an optional `allow` filter
   * runs before ranking so excluded chunks never take a rank.
   */
  search(query: WeightedTerm[], limit: number, allow?: (doc: number) => boolean): LexicalHit[] {
    const { k1 } = this.params;
    const merged = new Map<string, number>();
    for (const q of query) merged.set(q.term, Math.max(merged.get(q.term) ?? 0, q.weight));
    const { acc, matched, stamp, norms } = this;
    // A new epoch invalidates every accumulator at once; on wrap-around the stamps are cleared.
    if (this.epoch >= 0xfffffffe) {
      stamp.fill(0);
      this.epoch = 0;
    }
    const touchedEpoch = ++this.epoch;
    // Chunks rejected by `allow` get a second stamp value so the filter runs once per chunk, not per posting.
    const rejectedEpoch = ++this.epoch;
    const touched: number[] = [];
    let totalWeight = 0;
    for (const [term, weight] of merged) {
      const idf = this.idf(term);
      const wi = weight * idf;
      totalWeight += wi;
      const list = this.postings.get(term);
      if (!list) continue;
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i]!;
        const st = stamp[doc]!;
        if (st === rejectedEpoch) continue;
        const tf = list[i + 1]!;
        const s = wi * ((tf * (k1 + 1)) / (tf + k1 * norms[doc]!));
        if (st === touchedEpoch) {
          acc[doc]! += s;
          matched[doc]! += wi;
        } else {
          if (allow && !allow(doc)) {
            stamp[doc] = rejectedEpoch;
            continue;
          }
          stamp[doc] = touchedEpoch;
          acc[doc] = s;
          matched[doc] = wi;
          touched.push(doc);
        }
      }
    }
    // Top `limit` by (score desc, doc asc) with a bounded min-heap instead of sorting every hit.
    const heap = new TopK(Math.max(0, limit), acc);
    for (const doc of touched) heap.offer(doc);
    return heap.sorted().map((doc) => ({ doc, score: acc[doc]!, coverage: totalWeight > 0 ? matched[doc]! / totalWeight : 0 }));
  }
}

/** Bounded heap of chunk positions ordered by score (higher first), ties by lower position first. */
class TopK {
  private readonly items: number[] = [];
  constructor(
    private readonly k: number,
    private readonly score: Float64Array,
  ) {}

  /** True when `a` ranks below `b` (lower score, or equal score and higher position). */
  private worse(a: number, b: number): boolean {
    const sa = this.score[a]!;
    const sb = this.score[b]!;
    return sa < sb || (sa === sb && a > b);
  }

  offer(doc: number): void {
    const h = this.items;
    if (this.k === 0) return;
    if (h.length < this.k) {
      h.push(doc);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(h[i]!, h[p]!)) break;
        [h[i], h[p]] = [h[p]!, h[i]!];
        i = p;
      }
      return;
    }
    if (!this.worse(h[0]!, doc)) return;
    h[0] = doc;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.worse(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.worse(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }

  /** Best first. */
  sorted(): number[] {
    return [...this.items].sort((a, b) => (this.worse(a, b) ? 1 : this.worse(b, a) ? -1 : 0));
  }
}

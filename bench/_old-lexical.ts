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

  private constructor(params: LexicalParams, postings: Map<string, number[]>, lengths: number[], avgLength: number) {
    this.params = params;
    this.postings = postings;
    this.lengths = lengths;
    this.avgLength = avgLength;
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
    const { k1, b } = this.params;
    const merged = new Map<string, number>();
    for (const q of query) merged.set(q.term, Math.max(merged.get(q.term) ?? 0, q.weight));
    const scores = new Map<number, { score: number; matched: number }>();
    let totalWeight = 0;
    for (const [term, weight] of merged) {
      const idf = this.idf(term);
      totalWeight += weight * idf;
      const list = this.postings.get(term);
      if (!list) continue;
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i]!;
        if (allow && !allow(doc)) continue;
        const tf = list[i + 1]!;
        const norm = 1 - b + b * (this.lengths[doc]! / (this.avgLength || 1));
        const s = weight * idf * ((tf * (k1 + 1)) / (tf + k1 * norm));
        const entry = scores.get(doc);
        if (entry) {
          entry.score += s;
          entry.matched += weight * idf;
        } else scores.set(doc, { score: s, matched: weight * idf });
      }
    }
    const hits: LexicalHit[] = [];
    for (const [doc, { score, matched }] of scores) hits.push({ doc, score, coverage: totalWeight > 0 ? matched / totalWeight : 0 });
    hits.sort((x, y) => y.score - x.score || x.doc - y.doc);
    return hits.slice(0, limit);
  }
}

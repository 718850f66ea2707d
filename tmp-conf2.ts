import fs from "node:fs";
import { loadConfig } from "./src/config/env.js";
import { openAnswerService } from "./src/runtime.js";
import { condenseQuestion } from "./src/query/condense.js";
import { createRetriever } from "./src/query/retrieve.js";
import { createEmbedder } from "./src/models/embedder.js";
import { loadIndex } from "./src/core/index-store.js";
import { ANALYZER_VERSION } from "./src/query/analysis.js";
import { createTextContext, loadGlossary } from "./src/text/index.js";
const config = loadConfig({ INDEX_DIR: process.argv[2] });
const emb = await createEmbedder(config.embeddings);
const index = await loadIndex(config.indexDir, emb.embeddings, { embedder: emb.descriptor, analyzer: ANALYZER_VERSION });
const text = createTextContext({ glossary: loadGlossary(index.glossaryPath), vocabulary: index.lexical.vocabulary(), idf: (t) => index.lexical.idf(t) });
const r = createRetriever(index, emb.embeddings, text);
const lines = fs.readFileSync(process.argv[3], "utf8").trim().split("\n").map((l) => JSON.parse(l));
for (const q of lines) {
  const history = q.previous.flatMap((p: any) => [{ role: "user", content: p.question }, { role: "assistant", content: p.answer }]);
  const rq = condenseQuestion(q.question, history);
  const { query, candidates } = await r.retrieve(rq, { topK: 10 });
  const top = candidates[0]!;
  const terms = r.chunkTerms(top.index);
  const missing = query.concepts.filter((c) => !c.alternatives.some((a) => terms.has(a.term))).map((c) => `${c.token}(${c.idf.toFixed(1)})`);
  console.log(`${q.id} ${q.type.slice(0,6)} cov=${top.coverage.toFixed(2)} dense=${top.dense.toFixed(2)} miss=${missing.join(",")} | concepts=${query.concepts.map((c) => c.token + ":" + c.alternatives.map(a=>a.term).join("/")).join(" ")}`);
}

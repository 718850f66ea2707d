#!/usr/bin/env bash
# Ablation study: runs `npm run eval` once per component set and prints the
# Markdown table kept in DESIGN.md. Usage: scripts/ablation.sh [QUESTIONS] [CORPUS]
set -euo pipefail
cd "$(dirname "$0")/.."
questions=${1:-../shared/dev-eval/questions.jsonl}
corpus=${2:-../shared/dev-eval/corpus}
out=${OUT:-eval/reports/ablation-$(date +%Y%m%d-%H%M%S)}
rows=(
  "dense only|lexical,stemming,compounds,glossary,typos,rerank"
  "+ lexical (BM25F)|stemming,compounds,glossary,typos,rerank"
  "+ stemming|compounds,glossary,typos,rerank"
  "+ compounds|glossary,typos,rerank"
  "+ glossary|typos,rerank"
  "+ typo tolerance|rerank"
  "+ reranking (coverage, diversity) = default|"
)
mkdir -p "$out"
for row in "${rows[@]}"; do
  name=${row%%|*}; ablate=${row#*|}
  slug=$(echo "$name" | tr -c 'a-zA-Z0-9' '-' | tr -s '-')
  echo ">> $name (ABLATE=$ablate)" >&2
  ABLATE="$ablate" npm run --silent eval -- --questions "$questions" --corpus "$corpus" \
    --index "$out/index-$slug" --out "$out/$slug" >/dev/null
  echo "$name|$out/$slug/report.json" >> "$out/rows.txt"
done
node -e '
const fs = require("fs");
const rows = fs.readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => l.split("|"));
const keys = ["recall@5", "mrr@10", "must_include_recall", "citation_precision", "abstention_f1", "wrong_abstention_rate"];
console.log("| configuration | " + keys.join(" | ") + " |");
console.log("|---|" + keys.map(() => "---").join("|") + "|");
for (const [name, file] of rows) {
  const s = JSON.parse(fs.readFileSync(file, "utf8")).summary.scores;
  console.log(`| ${name} | ` + keys.map((k) => (s[k] == null ? "–" : s[k].toFixed(3))).join(" | ") + " |");
}
' "$out/rows.txt"

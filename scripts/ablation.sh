#!/usr/bin/env bash
# Ablation study over the question-set suite (eval/sets.json), judge sets by
# default: one suite run with everything on, one per component switched off,
# one with the naive bm25-1000 baseline; prints the Markdown table (also
# written to OUT/ablation.md). Components: env ABLATE (comma list, see
# ABLATABLE in src/config/env.ts). All flags go to eval/ablation.ts:
#   scripts/ablation.sh [--role judge|diagnose] [--sets a,b] [--suite FILE] [--out DIR] [--limit N] [--resume]
# Same as: npm run ablation -- …
set -euo pipefail
cd "$(dirname "$0")/.."
exec npx tsx eval/ablation.ts "$@"

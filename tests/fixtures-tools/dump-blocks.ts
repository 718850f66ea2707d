/**
 * Prints the blocks a parser produces, one line each, for eyeballing parser
 * changes on real documents:
 *   npx tsx tests/fixtures-tools/dump-blocks.ts FILE... [--full]
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Block } from "../../src/core/schemas.js";
import { parseFile } from "../../ingest/parse/index.js";

function label(block: Block): string {
  if (block.kind === "heading") return `H${block.level ?? "?"}`;
  if (block.kind === "list-item") return block.ordered ? "OL" : "UL";
  if (block.kind === "table-row") return "TR";
  return "P ";
}

const args = process.argv.slice(2);
const full = args.includes("--full");
for (const file of args.filter((a) => a !== "--full")) {
  try {
    const parsed = await parseFile(await readFile(file), basename(file));
    console.log(`===== ${file} | titel: ${parsed.title ?? "–"} | sidor: ${parsed.pages ?? "–"} | block: ${parsed.blocks.length}`);
    for (const warning of parsed.warnings) console.log(`  ! ${warning}`);
    if (Object.keys(parsed.metadata).length > 0) console.log(`  metadata: ${JSON.stringify(parsed.metadata)}`);
    for (const block of parsed.blocks) {
      const page = block.page === null ? "" : `s${block.page} `;
      console.log(`${page}${label(block)} ${full ? block.text : block.text.slice(0, 140)}`);
    }
  } catch (error) {
    console.log(`===== ${file} | FEL: ${(error as Error).message}`);
  }
}

/**
 * The offline answer: the chosen evidence sentences verbatim, the most direct
 * first, each followed by its citation marker. No sentence is written that is
 * not in a source.
 */
import { citationFor } from "../core/citations.js";
import type { Citation } from "../core/schemas.js";
import type { EvidencePiece } from "./evidence.js";

export interface ComposedAnswer {
  answer: string;
  citations: Citation[];
}

export function composeExtractive(evidence: EvidencePiece[], formatOf: (documentId: string) => string | undefined): ComposedAnswer {
  const citations: Citation[] = [];
  const numberOf = new Map<string, number>();
  const parts: string[] = [];
  for (const piece of evidence) {
    let n = numberOf.get(piece.chunk.id);
    if (n === undefined) {
      n = citations.length + 1;
      numberOf.set(piece.chunk.id, n);
      citations.push(citationFor(piece.chunk, n, piece.text, formatOf(piece.chunk.documentId)));
    }
    const text = piece.text.trim();
    parts.push(piece.procedure ? `${text}\n[${n}]` : `${text} [${n}]`);
  }
  return { answer: parts.join(evidence.some((p) => p.procedure) ? "\n\n" : " "), citations };
}

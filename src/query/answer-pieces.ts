/**
 * Splits a finished answer into stream pieces that each end after a citation
 * marker, so a streamed piece is always a complete, already verified claim.
 */

/** Answer text split after each citation marker; the pieces concatenate to the answer. */
export function answerPieces(answer: string): string[] {
  const pieces = answer.match(/[\s\S]*?\[\d+\](?:\s+|$)|[\s\S]+$/g) ?? [answer];
  return pieces.filter((p) => p.length > 0);
}

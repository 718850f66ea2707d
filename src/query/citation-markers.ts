/**
 * The [n] markers a model writes after its claims: read, stripped, moved into
 * the sentence they belong to, and written back renumbered.
 */
const MARKER = /\[\s*(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\s*\]/gu;
const MARKER_AFTER_PUNCT = /([.!?:;])(\s*)((?:\[\s*\d{1,3}(?:\s*[,;]\s*\d{1,3})*\s*\]\s*?)+)(?=\s|$)/gu;

/** "genast. [1]" → "genast [1].": markers after the full stop belong to the sentence before it. */
export function moveTrailingMarkers(text: string): string {
  return text.replace(MARKER_AFTER_PUNCT, (_m, punct: string, _ws: string, markers: string) => ` ${markers.replace(/\s+/g, "")}${punct}`);
}

/** Source numbers of the markers in a sentence, in order, without repeats. */
export function parseMarkers(sentence: string): number[] {
  const out: number[] = [];
  for (const m of sentence.matchAll(MARKER)) {
    for (const part of m[1]!.split(/[,;]/)) {
      const n = Number(part.trim());
      if (!out.includes(n)) out.push(n);
    }
  }
  return out;
}

/** The sentence without markers, with space before punctuation tidied. */
export function stripMarkers(sentence: string): string {
  return sentence.replace(MARKER, "").replace(/[ \t]+([.,!?:;)])/g, "$1").replace(/[ \t]{2,}/g, " ").trim();
}

/** A claim with its markers put back before the closing punctuation: "x [1][2]." */
export function withMarkers(claim: string, markers: number[]): string {
  const tags = markers.map((n) => `[${n}]`).join("");
  const m = /^(.*?)([.!?:;…]+["'”’)»]*)$/su.exec(claim);
  return m ? `${m[1]!.trimEnd()} ${tags}${m[2]}` : `${claim} ${tags}`;
}

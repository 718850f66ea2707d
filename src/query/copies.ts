/**
 * Copies of one passage in several documents. A routine library keeps the
 * same routine in many unit folders (Botkyrka's 1,143 routines: 7,867 of
 * 11,546 chunks have a word-for-word twin elsewhere), so without this the ten
 * best results are one passage ten times. Retrieval searches one copy per
 * group and the answer names the others (`alsoIn`), so an answer never cites
 * two copies of one passage and the slots go to different routines.
 *
 * Two chunks are copies when their text is the same after case folding and
 * with punctuation and whitespace runs reduced to one space: converters differ
 * in bullets, line breaks and dashes, not in words.
 */
import type { LoadedIndex } from "../core/index-store.js";

export interface CopyGroups {
  /** Members (chunk positions, ascending) of the group of chunk `i`; a chunk without copies is its own group of one. */
  membersOf(i: number): readonly number[];
  /** Number of chunks that have at least one copy. */
  readonly copiedChunks: number;
}

const cache = new WeakMap<LoadedIndex, CopyGroups>();

/** The key two copies share. */
export function copyKey(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** Copy groups of an index, computed once per loaded index (about 30 ms for 11,546 chunks). */
export function copyGroupsOf(index: LoadedIndex): CopyGroups {
  let groups = cache.get(index);
  if (!groups) {
    groups = buildCopyGroups(index.chunks.map((c) => c.text));
    cache.set(index, groups);
  }
  return groups;
}

export function buildCopyGroups(texts: readonly string[]): CopyGroups {
  const byKey = new Map<string, number[]>();
  texts.forEach((text, i) => {
    const key = copyKey(text);
    // Empty text carries no passage; never merge such chunks.
    if (key === "") return;
    const members = byKey.get(key);
    if (members) members.push(i);
    else byKey.set(key, [i]);
  });
  const groupOf: (readonly number[] | undefined)[] = new Array(texts.length);
  let copiedChunks = 0;
  for (const members of byKey.values()) {
    if (members.length < 2) continue;
    copiedChunks += members.length;
    for (const i of members) groupOf[i] = members;
  }
  return {
    membersOf: (i) => groupOf[i] ?? [i],
    copiedChunks,
  };
}

/**
 * The search filter that lets exactly one copy of each group through: the
 * first member the reader may see (`allow`). A group none of whose members
 * may be read lets nothing through.
 */
export function oneCopyPerGroup(groups: CopyGroups, allow?: (i: number) => boolean): (i: number) => boolean {
  return (i) => {
    for (const m of groups.membersOf(i)) {
      if (!allow || allow(m)) return m === i;
    }
    return false;
  };
}

/**
 * Which copy to show for a found group: one from a preferred collection (the
 * reader's own unit) when there is one, else the one found; and the other
 * readable copies, which the citation names.
 */
export function chooseCopy(
  groups: CopyGroups,
  found: number,
  allow: ((i: number) => boolean) | undefined,
  preferred: ((i: number) => boolean) | undefined,
): { shown: number; others: number[] } {
  const readable = groups.membersOf(found).filter((m) => !allow || allow(m));
  const shown = (preferred && readable.find(preferred)) ?? found;
  return { shown, others: readable.filter((m) => m !== shown) };
}

/**
 * Swedish synonyms from Synlex (Folkets synonymlexikon, Viggo Kann, KTH), as
 * packaged for LibreOffice/OpenOffice in MyThes format by Debian's
 * `mythes-sv` (libreoffice-dictionaries 1:7.5.0-1). The file is vendored in
 * src/text/data/th_sv_SE_v2.utf8.dat, converted from ISO-8859-1 to UTF-8;
 * its notices are in src/text/data/NOTICE-thesaurus.txt and
 * src/text/data/mythes-sv.copyright.
 *
 * MyThes format: a first line naming the encoding, then for each headword
 * "headword|n" followed by n meaning lines "(pos)|syn1|syn2…" (the Swedish
 * file leaves pos empty). Headwords and synonyms are folded to lower case;
 * a headword that appears in several spellings ("TV", "tv") is merged.
 *
 * Synlex lists each headword's synonyms only (not always both ways):
 * `synonyms("ansöka")` gives "anhålla", while "anhålla" may list others. Pass
 * `{ reverse: true }` to also get the headwords that list the word.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Options for `Thesaurus.synonyms`. */
interface SynonymOptions {
  /** Keep multiword synonyms ("avsäga sig tronen") as phrases. Default false: single words only. */
  phrases?: boolean;
  /** Also return headwords whose entry lists the word. Default false. */
  reverse?: boolean;
}

/** A loaded Synlex thesaurus. */
export interface Thesaurus {
  /** Number of (lower-cased, merged) headwords. */
  readonly size: number;
  /** True when the word is a headword. */
  has(word: string): boolean;
  /**
   * Synonyms of a word in file order, lower case, without the word itself and
   * without duplicates; [] when the word is not a headword. The word is
   * matched after NFC normalisation, trimming and lower-casing.
   */
  synonyms(word: string, options?: SynonymOptions): string[];
}

/** Path of the vendored Synlex file (UTF-8). */
export const THESAURUS_PATH = fileURLToPath(new URL("./data/th_sv_SE_v2.utf8.dat", import.meta.url));

function key(word: string): string {
  return word.normalize("NFC").trim().toLowerCase().replace(/\s+/gu, " ");
}

/** Parse MyThes text (already decoded) into headword → synonyms (lower case). */
export function parseMyThes(text: string): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  const lines = text.split(/\r?\n/u);
  // Line 0 names the encoding.
  let i = 1;
  while (i < lines.length) {
    const line = lines[i++]!;
    if (line === "") continue;
    const bar = line.lastIndexOf("|");
    const count = bar < 0 ? Number.NaN : Number(line.slice(bar + 1));
    if (!Number.isInteger(count) || count < 0) throw new Error(`MyThes: rad ${i} är inte "uppslagsord|antal": ${line}`);
    const head = key(line.slice(0, bar));
    let list = entries.get(head);
    if (!list) entries.set(head, (list = []));
    for (let k = 0; k < count && i < lines.length; k++) {
      const fields = lines[i++]!.split("|");
      // fields[0] is "(pos)", empty in the Swedish file.
      for (const raw of fields.slice(1)) {
        const syn = key(raw);
        if (syn !== "" && syn !== head && !list.includes(syn)) list.push(syn);
      }
    }
  }
  return entries;
}

/** Build a thesaurus from parsed entries (exported for tests with small inputs). */
export function createThesaurus(entries: ReadonlyMap<string, readonly string[]>): Thesaurus {
  let reverseIndex: Map<string, string[]> | undefined;
  const reverseOf = (w: string): readonly string[] => {
    if (!reverseIndex) {
      reverseIndex = new Map();
      for (const [head, syns] of entries) {
        for (const s of syns) {
          let l = reverseIndex.get(s);
          if (!l) reverseIndex.set(s, (l = []));
          l.push(head);
        }
      }
    }
    return reverseIndex.get(w) ?? [];
  };
  return {
    size: entries.size,
    has: (word) => entries.has(key(word)),
    synonyms(word, options = {}) {
      const w = key(word);
      const direct = entries.get(w) ?? [];
      const all = options.reverse ? [...new Set([...direct, ...reverseOf(w)])] : [...direct];
      return options.phrases ? all : all.filter((s) => !s.includes(" "));
    },
  };
}

let cached: Thesaurus | undefined;

/** The Synlex thesaurus, read and parsed on first call (memoised). */
export function loadThesaurus(): Thesaurus {
  return (cached ??= createThesaurus(parseMyThes(readFileSync(THESAURUS_PATH, "utf8"))));
}

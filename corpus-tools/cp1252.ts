/**
 * Windows-1252 encoding without a dependency. Node's "latin1" would silently
 * mangle the characters cp1252 puts in 0x80–0x9F (– — “ ” € …), which Swedish
 * office documents use all the time.
 */

const HIGH: Record<string, number> = {
  "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88,
  "‰": 0x89, "Š": 0x8a, "‹": 0x8b, "Œ": 0x8c, "Ž": 0x8e, "‘": 0x91, "’": 0x92, "“": 0x93,
  "”": 0x94, "•": 0x95, "–": 0x96, "—": 0x97, "˜": 0x98, "™": 0x99, "š": 0x9a, "›": 0x9b,
  "œ": 0x9c, "ž": 0x9e, "Ÿ": 0x9f,
};

/** Thrown when text holds a character Windows-1252 cannot represent. */
class Cp1252Error extends Error {
  constructor(
    readonly char: string,
    readonly index: number,
  ) {
    super(`cp1252: tecknet "${char}" (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}) på position ${index} finns inte i Windows-1252`);
    this.name = "Cp1252Error";
  }
}

/** Returns the first character of `text` outside Windows-1252, or null. */
export function findNonCp1252(text: string): { char: string; index: number } | null {
  let index = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const single = code < 0x80 || (code >= 0xa0 && code <= 0xff) || HIGH[char] !== undefined;
    if (!single) return { char, index };
    index += char.length;
  }
  return null;
}

/** Encodes text as Windows-1252 bytes; throws Cp1252Error on unmappable characters. */
export function encodeCp1252(text: string): Buffer {
  const bad = findNonCp1252(text);
  if (bad) throw new Cp1252Error(bad.char, bad.index);
  const bytes = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    bytes[i] = HIGH[ch] ?? ch.charCodeAt(0);
  }
  return bytes;
}

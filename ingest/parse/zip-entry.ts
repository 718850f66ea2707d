/**
 * Reads one file out of a ZIP archive (DOCX files are ZIPs) using only
 * node:zlib, so reading DOCX metadata needs no extra dependency.
 */
import { inflateRawSync } from "node:zlib";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** Offset of the end-of-central-directory record, or -1. It sits in the last 64 KiB (its comment is at most 65535 bytes). */
function endOfCentralDirectory(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) return i;
  }
  return -1;
}

/** Returns the uncompressed bytes of `name`, or null when it is missing or unreadable. */
export function readZipEntry(zip: Buffer, name: string): Buffer | null {
  try {
    const end = endOfCentralDirectory(zip);
    if (end < 0) return null;
    const entries = zip.readUInt16LE(end + 10);
    let offset = zip.readUInt32LE(end + 16);
    for (let n = 0; n < entries; n++) {
      if (zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) return null;
      const method = zip.readUInt16LE(offset + 10);
      const compressedSize = zip.readUInt32LE(offset + 20);
      const nameLength = zip.readUInt16LE(offset + 28);
      const extraLength = zip.readUInt16LE(offset + 30);
      const commentLength = zip.readUInt16LE(offset + 32);
      const localOffset = zip.readUInt32LE(offset + 42);
      const entryName = zip.toString("utf8", offset + 46, offset + 46 + nameLength);
      if (entryName === name) {
        if (zip.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) return null;
        const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
        const data = zip.subarray(dataStart, dataStart + compressedSize);
        if (method === 0) return Buffer.from(data);
        if (method === 8) return inflateRawSync(data);
        return null;
      }
      offset += 46 + nameLength + extraLength + commentLength;
    }
    return null;
  } catch {
    return null;
  }
}

/** Thrown by {@link assertZipExpandsWithin} when an archive inflates past the budget (a zip bomb). */
export class ZipTooLargeError extends Error {}

/**
 * Inflates every entry with a hard output limit, so a DOCX that would expand
 * to gigabytes (a zip bomb, or headers that lie about sizes) is refused before
 * mammoth unpacks it in memory.
 */
export function assertZipExpandsWithin(zip: Buffer, maxTotalBytes: number): void {
  const end = endOfCentralDirectory(zip);
  if (end < 0) return; // Not a readable archive: the parser reports it as corrupt.
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let n = 0; n < entries && offset + 46 <= zip.length; n++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) return;
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    offset += 46 + nameLength + extraLength + commentLength;
    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) continue;
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    const budget = maxTotalBytes - total;
    if (method === 0) total += data.length;
    else if (method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (err) {
        if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new ZipTooLargeError(`expands past ${maxTotalBytes} bytes`);
        // Other inflate errors: leave them to the parser, which reports the file as corrupt.
      }
    }
    if (total > maxTotalBytes) throw new ZipTooLargeError(`expands past ${maxTotalBytes} bytes`);
  }
}

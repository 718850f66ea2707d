/**
 * Reads ZIP archives (DOCX files are ZIPs) using only node:zlib: one entry
 * for DOCX metadata, and a bounded inflate of all entries against zip bombs.
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

interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  /** The entry's compressed bytes, or null when its local header is missing or damaged. */
  data: Buffer | null;
}

/** The archive's entries in central-directory order; stops at the first damaged record. */
function* zipEntries(zip: Buffer): Generator<ZipEntry> {
  const end = endOfCentralDirectory(zip);
  if (end < 0) return;
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let n = 0; n < count && offset + 46 <= zip.length; n++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) return;
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString("utf8", offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    let data: Buffer | null = null;
    if (localOffset + 30 <= zip.length && zip.readUInt32LE(localOffset) === LOCAL_FILE_HEADER) {
      const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
      data = zip.subarray(dataStart, dataStart + compressedSize);
    }
    yield { name, method, data };
  }
}

/** Returns the uncompressed bytes of `name`, or null when it is missing or unreadable. */
export function readZipEntry(zip: Buffer, name: string): Buffer | null {
  try {
    for (const entry of zipEntries(zip)) {
      if (entry.name !== name) continue;
      if (!entry.data) return null;
      if (entry.method === 0) return Buffer.from(entry.data);
      if (entry.method === 8) return inflateRawSync(entry.data);
      return null;
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
 * mammoth unpacks it in memory. An unreadable archive passes: the parser
 * reports it as corrupt.
 */
export function assertZipExpandsWithin(zip: Buffer, maxTotalBytes: number): void {
  let total = 0;
  for (const { method, data } of zipEntries(zip)) {
    if (!data) continue;
    if (method === 0) total += data.length;
    else if (method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, maxTotalBytes - total) }).length;
      } catch (err) {
        if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new ZipTooLargeError(`expands past ${maxTotalBytes} bytes`);
        // Other inflate errors: leave them to the parser, which reports the file as corrupt.
      }
    }
    if (total > maxTotalBytes) throw new ZipTooLargeError(`expands past ${maxTotalBytes} bytes`);
  }
}

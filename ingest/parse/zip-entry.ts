/**
 * Reads one file out of a ZIP archive (DOCX files are ZIPs) using only
 * node:zlib, so reading DOCX metadata needs no extra dependency.
 */
import { inflateRawSync } from "node:zlib";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** Returns the uncompressed bytes of `name`, or null when it is missing or unreadable. */
export function readZipEntry(zip: Buffer, name: string): Buffer | null {
  try {
    // The end record sits in the last 64 KiB (its comment is at most 65535 bytes).
    let end = -1;
    for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
      if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
        end = i;
        break;
      }
    }
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

/**
 * Upload hardening: a DOCX that inflates to hundreds of megabytes (a zip
 * bomb) is refused with a reason before mammoth unpacks it.
 */
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { parseFile, ParseError } from "../../../../ingest/parse/index.js";
import { MAX_DOCX_EXPANDED_BYTES } from "../../../../ingest/parse/docx.js";

/** A minimal ZIP writer (deflate), enough to build hostile archives in memory. */
function zip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = deflateRawSync(e.data, { level: 9 });
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

describe("DOCX zip bomb", () => {
  it("refuses an archive that inflates past the limit, naming the file and reason", async () => {
    const bomb = zip([
      { name: "[Content_Types].xml", data: Buffer.from('<?xml version="1.0"?><Types/>') },
      { name: "word/document.xml", data: Buffer.alloc(MAX_DOCX_EXPANDED_BYTES + 1024 * 1024, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const error = await parseFile(bomb, "bomb.docx").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).code).toBe("too-large");
    expect((error as ParseError).message).toMatch(/bomb\.docx.*zip-bomb/);
  });

  it("still reports a small broken archive as corrupt, not as a bomb", async () => {
    const broken = zip([{ name: "word/document.xml", data: Buffer.from("<w:document>") }]);
    const error = await parseFile(broken, "trasig.docx").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).code).toBe("corrupt");
  });
});

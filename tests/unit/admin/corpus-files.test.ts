import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveInside, sanitizeFileName, sanitizeFolder } from "../../../src/admin/corpus-files.js";

describe("upload file names", () => {
  it("keeps only the last path segment and drops leading dots", () => {
    expect(sanitizeFileName("../../etc/x.md")).toBe("x.md");
    expect(sanitizeFileName("..\\x.md")).toBe("x.md");
    expect(sanitizeFileName("C:\\Users\\anna\\Rutin för tolk.docx")).toBe("Rutin för tolk.docx");
    expect(sanitizeFileName(".dold.md")).toBe("dold.md");
    expect(sanitizeFileName("a<b>:c|d?.pdf")).toBe("a_b__c_d_.pdf");
    expect(sanitizeFileName("rad\nbrytning.txt")).toBe("rad_brytning.txt");
  });

  it("refuses names with nothing left", () => {
    for (const bad of ["..", "../", "...", "/", "", " . "]) expect(() => sanitizeFileName(bad), bad).toThrow(/Filnamnet/);
  });

  it("confines folders and resolved paths to the corpus", () => {
    expect(sanitizeFolder("../../utanfor")).toBe("utanfor");
    expect(sanitizeFolder("a/./b\\..\\c")).toBe("a/b/c");
    expect(sanitizeFolder(undefined)).toBe("");
    const root = path.resolve("/srv/korpus");
    expect(resolveInside(root, "a/b.md")).toBe(path.join(root, "a/b.md"));
    expect(() => resolveInside(root, "../x.md")).toThrow(/utanför/);
    expect(() => resolveInside(root, "/etc/passwd")).toThrow(/utanför/);
    expect(() => resolveInside(root, "")).toThrow(/utanför/);
  });
});

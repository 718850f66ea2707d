import { describe, expect, it } from "vitest";
import { minHashSignature, ownVersionsFirst, signatureSimilarity, type RoutineVersions } from "../../../src/query/routine-versions.js";

const base =
  "Avbryt samtalet lugnt och lämna rummet om du känner dig hotad. Larma kollegor med trygghetslarmet och ring 112 om någon är i fara. " +
  "Kontakta enhetschefen så snart situationen är under kontroll. Skriv en avvikelse samma dag och beskriv händelsen och vad som gjordes. " +
  "Chefen erbjuder samtal och stöd efter händelsen och ser till att arbetsmiljöverket underrättas vid allvarlig skada.";

describe("MinHash similarity of routines", () => {
  it("is 1 for the same text, high for an edited version and low for another routine", () => {
    const same = signatureSimilarity(minHashSignature(base)!, minHashSignature(base)!);
    const edited = signatureSimilarity(minHashSignature(base)!, minHashSignature(base.replace("enhetschefen", "samordnaren på dagverksamheten") + " Besökare som hotar uppmanas att gå.")!);
    const other = signatureSimilarity(minHashSignature(base)!, minHashSignature("Brukarens nycklar förvaras i nyckelskåpet och kvitteras ut vid varje pass av den som har nyckeln.")!);
    expect(same).toBe(1);
    expect(edited).toBeGreaterThan(0.5);
    expect(edited).toBeLessThan(1);
    expect(other).toBeLessThan(0.1);
  });

  it("gives no signature to a text shorter than one shingle", () => {
    expect(minHashSignature("tre ord bara")).toBeNull();
  });
});

describe("ownVersionsFirst", () => {
  const c = (documentId: string, unit: string) => ({ chunk: { documentId }, unit });
  // a1/a2 are versions of one routine (units X and Y); b is another routine of unit Z.
  const versions: RoutineVersions = { sameRoutine: (a, b) => a === b || [a, b].every((d) => d.startsWith("a")) };
  const ranked = [c("a1", "X"), c("b", "Z"), c("a1", "X"), c("a2", "Y"), c("a2", "Y")];

  it("moves the reader's unit's version up to where the other version stood and drops the other version", () => {
    const out = ownVersionsFirst(ranked, (x) => x.unit === "Y", versions);
    expect(out.map((x) => x.chunk.documentId)).toEqual(["a2", "a2", "b"]);
  });

  it("changes nothing for a unit without a version among the candidates", () => {
    expect(ownVersionsFirst(ranked, (x) => x.unit === "W", versions)).toEqual(ranked);
  });

  it("keeps another unit's different routine, whatever its rank", () => {
    const out = ownVersionsFirst(ranked, (x) => x.unit === "X", versions);
    expect(out.map((x) => x.chunk.documentId)).toEqual(["a1", "b", "a1"]);
  });
});

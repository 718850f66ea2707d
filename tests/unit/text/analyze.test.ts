import { describe, expect, it } from "vitest";
import {
  analyzeForIndex,
  analyzeQuery,
  analyzeQueryConcepts,
  collectVocabulary,
  COMPOUND_PART_WEIGHT,
  CORRECTION_WEIGHT,
  createTextContext,
  GLOSSARY_WEIGHT,
  PARTICLE_WEIGHT,
  QUERY_WEIGHT,
} from "../../../src/text/index.js";

const docs = [
  "Rutin för anmälan om oro för barn",
  "Ekonomiskt bistånd söks hos socialtjänsten. Handläggaren gör en bedömning enligt 4 kap. 1 § SoL.",
  "Orosanmälningar ska registreras samma dag.",
  "Åtgärder vid hot och våld mot personal",
  "Placering på HVB-hem beslutas av nämnden.",
];
const ctx = createTextContext({ vocabulary: collectVocabulary(docs) });

function overlap(query: string, doc: string): string[] {
  const q = new Set(analyzeQuery(query, ctx).terms.map((t) => t.term));
  return [...new Set(analyzeForIndex(doc, ctx))].filter((t) => q.has(t));
}

describe("analyzeForIndex", () => {
  it("indexes stems of content words, compound parts and numbers", () => {
    const terms = analyzeForIndex("Orosanmälningar enligt 14 kap. 1 § SoL", ctx);
    expect(terms).toEqual(expect.arrayContaining(["oro", "sol", "14", "1"]));
    expect(terms).not.toContain("enligt");
    expect(terms.filter((t) => t.startsWith("orosanm"))).toHaveLength(1);
  });

  it("folds diacritics so a/o-typed queries match", () => {
    expect(analyzeForIndex("åtgärder", ctx)).toEqual(analyzeForIndex("atgarder", ctx));
  });

  it("works without a context (built-in glossary, dictionary only)", () => {
    expect(analyzeForIndex("Rutin för anmälan om oro")).toEqual(analyzeForIndex("Rutin för anmälan om oro", ctx));
  });
});

describe("analyzeQuery", () => {
  it("'Hur gör jag en orosanmälning?' meets both 'anmälan om oro' and 'orosanmälan'", () => {
    expect(overlap("Hur gör jag en orosanmälning?", "Rutin för anmälan om oro för barn")).toEqual(
      expect.arrayContaining(["oro"]),
    );
    expect(overlap("Hur gör jag en orosanmälning?", "orosanmälan").length).toBeGreaterThan(0);
  });

  it("'Vad gäller för socialbidrag?' meets 'ekonomiskt bistånd'", () => {
    expect(overlap("Vad gäller för socialbidrag?", "ekonomiskt bistånd")).toHaveLength(2);
  });

  it("joins a particle verb to meet its noun: 'lämna ut' finds 'utlämnande', also with inverted word order", () => {
    expect(overlap("Hur lång tid har vi på oss att lämna ut en handling?", "Utlämnande av allmän handling")).toContain(analyzeForIndex("utlämnande", ctx)[0]);
    expect(overlap("När följer man upp placeringen?", "Uppföljning av placeringen")).toContain(analyzeForIndex("uppföljning", ctx)[0]);
    const w = new Map(analyzeQuery("Lämnar man ut journalen?", ctx).terms.map((t) => [t.term, t]));
    expect(w.get(analyzeForIndex("utlämna", ctx)[0]!)).toMatchObject({ weight: PARTICLE_WEIGHT, source: "particle" });
    // A particle that does not follow the verb is left alone.
    expect(analyzeQuery("Ut med språket: vad lämnar vi?", ctx).terms.map((t) => t.source)).not.toContain("particle");
  });

  it("weights typed words, compound parts, glossary and corrections as documented", () => {
    const a = analyzeQuery("orosanmälningsrutinen för EB", ctx);
    const w = new Map(a.terms.map((t) => [t.term, t]));
    expect(w.get("eb")?.weight).toBe(QUERY_WEIGHT);
    expect(w.get("rutin")).toMatchObject({ weight: QUERY_WEIGHT * COMPOUND_PART_WEIGHT, source: "compound" });
    expect(w.get("bistand")).toMatchObject({ weight: GLOSSARY_WEIGHT, source: "glossary" });
    expect(a.glossary.map((g) => g.term)).toContain("EB");
  });

  it("corrects typos against the vocabulary", () => {
    const a = analyzeQuery("ekonomsikt bistånd", ctx);
    expect(a.corrections).toEqual([{ from: "ekonomsikt", to: "ekonomiskt", distance: 1 }]);
    const t = a.terms.find((x) => x.term === "ekonomisk");
    expect(t).toMatchObject({ weight: CORRECTION_WEIGHT, source: "correction" });
    expect(overlap("ekonomsikt bistånd", "Ekonomiskt bistånd")).toHaveLength(2);
    // No nonsense parts from the typo itself ("ekonom" + "sikt").
    expect(a.terms.map((x) => x.term)).not.toContain("sikt");
  });

  it("matches å/ä/ö typed as a/o without correction", () => {
    const a = analyzeQuery("vilka atgarder finns vid hot", ctx);
    expect(a.corrections).toEqual([]);
    expect(overlap("vilka atgarder finns vid hot", "Åtgärder vid hot och våld")).toEqual(["atgard", "hot"]);
  });

  it("does not correct words the index already knows", () => {
    expect(analyzeQuery("placering hvb", ctx).corrections).toEqual([]);
  });

  it("also corrects against a vocabulary of index terms", () => {
    const termCtx = createTextContext({ vocabulary: new Set(docs.flatMap((d) => analyzeForIndex(d))) });
    const a = analyzeQuery("handlägaren", termCtx);
    expect(a.terms.map((t) => t.term)).toContain("handlagg");
  });

  it("reports question words and drops them from the terms", () => {
    const a = analyzeQuery("Vem fattar beslut om LVU?", ctx);
    expect(a.questionWords).toEqual(["vem"]);
    expect(a.terms.map((t) => t.term)).not.toContain("vem");
    expect(a.terms.map((t) => t.term)).toEqual(expect.arrayContaining(["fatt", "beslut", "lvu"]));
  });

  it("groups alternatives per question word in concepts, with idf from the context", () => {
    const idfCtx = createTextContext({ idf: (t) => (t === "lvu" ? 3 : 1) });
    const concepts = analyzeQueryConcepts("Beslut om LVU", idfCtx);
    expect(concepts.map((c) => c.token)).toEqual(["beslut", "lvu"]);
    const lvu = concepts[1]!;
    expect(lvu.idf).toBe(3);
    expect(lvu.alternatives[0]).toEqual({ term: "lvu", weight: 1, source: "query" });
    expect(lvu.alternatives.map((a) => a.term)).toEqual(expect.arrayContaining(["ung", "vard"]));
  });
});

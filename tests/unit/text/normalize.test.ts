import { describe, expect, it } from "vitest";
import {
  foldDiacritics,
  isProcedureQuestion,
  isStopword,
  normalize,
  QUESTION_WORDS,
  snowballStem,
  stem,
  termOf,
  tokenize,
  tokenizeWithOffsets,
} from "../../../src/text/index.js";

describe("normalize", () => {
  it("applies NFC, lower-cases and collapses whitespace", () => {
    const decomposed = "A\u030Atgärd  FÖR\n\tBarn ";
    expect(normalize(decomposed)).toBe("åtgärd för barn");
  });
});

describe("foldDiacritics", () => {
  it("folds å, ä, ö and é to their base letters", () => {
    expect(foldDiacritics("åtgärd för idé")).toBe("atgard for ide");
  });
});

describe("tokenize", () => {
  it("returns lower-case runs of letters and digits", () => {
    expect(tokenize("Enligt 11 kap. 1 § SoL (HVB-hem), t.ex. LVU!")).toEqual([
      "enligt", "11", "kap", "1", "sol", "hvb", "hem", "t", "ex", "lvu",
    ]);
  });

  it("keeps decomposed letters inside one token and composes them", () => {
    expect(tokenize("a\u0308ldre vård")).toEqual(["äldre", "vård"]);
  });

  it("gives offsets into the original text", () => {
    const text = "Orosanmälan  görs av SOCIALSEKRETERARE.";
    for (const t of tokenizeWithOffsets(text)) {
      expect(text.slice(t.start, t.end).toLowerCase()).toBe(t.token);
    }
    expect(tokenizeWithOffsets(text)[1]).toEqual({ token: "görs", start: 13, end: 17 });
  });
});

describe("stem", () => {
  it("conflates inflections and derivations of handlägga", () => {
    const stems = ["handläggningen", "handläggning", "handlägga", "handläggare", "handläggs"].map(stem);
    expect(new Set(stems)).toEqual(new Set(["handlägg"]));
  });

  it("conflates anmälan, anmäla and anmälningar", () => {
    expect(stem("anmälan")).toBe(stem("anmäla"));
    expect(stem("anmälningar")).toBe(stem("anmäla"));
    expect(stem("orosanmälan")).toBe(stem("orosanmälningar"));
  });

  it("removes definite -et that Snowball keeps", () => {
    expect(snowballStem("beslutet")).toBe("beslutet");
    expect(stem("beslutet")).toBe(stem("beslut"));
    expect(stem("biståndet")).toBe(stem("bistånd"));
  });

  it("meets a genitive with its noun, which Snowball alone does not", () => {
    expect(snowballStem("brukares")).not.toBe(snowballStem("brukare"));
    expect(stem("brukares")).toBe(stem("brukare"));
    expect(stem("handläggares")).toBe(stem("handläggare"));
    expect(stem("föräldrars")).toBe(stem("föräldrar"));
    expect(stem("åtgärders")).toBe(stem("åtgärder"));
    // Passive verbs and words whose base ends in s keep their s.
    expect(stem("behövs")).toBe(snowballStem("behövs"));
    expect(stem("process")).toBe("process");
  });

  it("leaves short words and numbers alone", () => {
    expect(stem("plan")).toBe("plan");
    expect(stem("14")).toBe("14");
    expect(stem("lvu")).toBe("lvu");
  });

  it("termOf folds the stem so å/ä/ö typed as a/o still match", () => {
    expect(termOf("atgarder")).toBe(termOf("åtgärder"));
    expect(termOf("åtgärd")).toBe("atgard");
  });
});

describe("stopwords", () => {
  it("treats function words and question words as stopwords", () => {
    for (const w of ["och", "att", "det", "på", "som", "hur", "vem", "när", "vilken", "jag", "man"]) {
      expect(isStopword(w), w).toBe(true);
    }
    for (const w of ["barn", "oro", "bistånd", "lvu", "hem"]) expect(isStopword(w), w).toBe(false);
  });

  it("exports question words separately", () => {
    expect(QUESTION_WORDS.has("hur")).toBe(true);
    expect(QUESTION_WORDS.has("och")).toBe(false);
  });
});

describe("isProcedureQuestion", () => {
  it("recognises how-to questions", () => {
    expect(isProcedureQuestion("Hur gör jag en orosanmälan?")).toBe(true);
    expect(isProcedureQuestion("Vad ska jag göra om en klient hotar mig?")).toBe(true);
    expect(isProcedureQuestion("Vilka steg ingår i en placering?")).toBe(true);
  });

  it("does not treat amount, who or when questions as procedures", () => {
    expect(isProcedureQuestion("Hur länge får ett barn bo på HVB?")).toBe(false);
    expect(isProcedureQuestion("Hur mycket är riksnormen?")).toBe(false);
    expect(isProcedureQuestion("Vem fattar beslut om LVU?")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { questionParts } from "../../../src/text/index.js";

describe("questionParts", () => {
  it("splits a question that asks two things where 'och', 'samt' or a comma opens a new question", () => {
    expect(questionParts("Vem beslutar och vad måste göras efteråt?")).toEqual(["Vem beslutar", "vad måste göras efteråt?"]);
    expect(questionParts("Vem ska vi kontakta en söndag, och på vilket nummer?")).toEqual(["Vem ska vi kontakta en söndag", "på vilket nummer?"]);
    expect(questionParts("När ska jag sjukanmäla mig samt när ska friskanmälan göras?")).toHaveLength(2);
  });
  it("keeps a question that asks one thing whole", () => {
    expect(questionParts("Hur gör jag en orosanmälan?")).toEqual(["Hur gör jag en orosanmälan?"]);
    expect(questionParts("Vad gäller för ansökan, beslut och handläggning?")).toEqual(["Vad gäller för ansökan, beslut och handläggning?"]);
    expect(questionParts("Får jag ta med mat och dryck?")).toEqual(["Får jag ta med mat och dryck?"]);
  });
});

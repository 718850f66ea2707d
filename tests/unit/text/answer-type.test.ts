import { describe, expect, it } from "vitest";
import { answerPhraseTokens, expectedAnswerType, hasAnswerType, questionFocus } from "../../../src/text/index.js";

describe("expectedAnswerType", () => {
  it("reads the kind of fact from the interrogative phrase", () => {
    expect(expectedAnswerType("Hur många timmar får man?")).toBe("number");
    expect(expectedAnswerType("Vad kostar hemtjänst?")).toBe("number");
    expect(expectedAnswerType("Vilket belopp gäller för en vuxen?")).toBe("number");
    expect(expectedAnswerType("När ska anmälan göras?")).toBe("time");
    expect(expectedAnswerType("Och när ska den vara klar?")).toBe("time");
    expect(expectedAnswerType("Hur länge får barnet stanna?")).toBe("time");
    expect(expectedAnswerType("Inom vilken tid ska beslutet fattas?")).toBe("time");
    expect(expectedAnswerType("Hur ofta ska vården övervägas?")).toBe("frequency");
    expect(expectedAnswerType("Varför behövs en ny rutin?")).toBe("reason");
  });

  it("does not take a subordinate 'när' or an open question for a fact question", () => {
    expect(expectedAnswerType("Vad gör jag när en förälder hotar mig?")).toBe("any");
    expect(expectedAnswerType("Hur gör jag en orosanmälan?")).toBe("any");
  });
});

describe("hasAnswerType", () => {
  it("finds numbers, durations, dates and frequencies", () => {
    expect(hasAnswerType("Normen är 3 180 kronor i månaden.", "number")).toBe(true);
    expect(hasAnswerType("Utredningen ska vara slutförd inom fyra månader.", "time")).toBe(true);
    expect(hasAnswerType("Anmälan görs samma dag.", "time")).toBe(true);
    expect(hasAnswerType("Beslutet gäller från 2026-01-01.", "time")).toBe(true);
    expect(hasAnswerType("Vården ska övervägas var sjätte månad, det vill säga två gånger per år.", "frequency")).toBe(true);
  });

  it("does not count section numbers and legal references as facts", () => {
    expect(hasAnswerType("2.3 Ansvar för dokumentationen", "number")).toBe(false);
    expect(hasAnswerType("Enligt 14 kap. 1 § SoL ska nämnden utreda.", "number")).toBe(false);
    expect(hasAnswerType("Se 9 § 3–7 LSS.", "number")).toBe(false);
    expect(hasAnswerType("Det framgår av 33 § lagen (1988:870) om vård av missbrukare.", "time")).toBe(false);
    expect(hasAnswerType("Avgiften är 65 kronor per matlåda.", "number")).toBe(true);
    expect(hasAnswerType("Nämnden ska utreda frågan.", "time")).toBe(false);
    expect(hasAnswerType("Ett beslut om omedelbart omhändertagande får inte verkställas.", "time")).toBe(false);
    expect(hasAnswerType("Anmälan ska göras omedelbart.", "time")).toBe(true);
  });
});

describe("questionFocus", () => {
  it("names the thing a 'vilken X' or 'hur stor X' question asks about", () => {
    expect(questionFocus("Vilken leverantör har kommunen valt?")).toBe("leverantör");
    expect(questionFocus("Vilken AI-leverantör används?")).toBe("leverantör");
    expect(questionFocus("Hur stor budget har projektet?")).toBe("budget");
  });

  it("is null when the word after 'vilka' is a verb or only names the answer's category", () => {
    expect(questionFocus("Vilka ska jag kontakta?")).toBeNull();
    expect(questionFocus("Vilka är skyldiga att anmäla?")).toBeNull();
    expect(questionFocus("Vilken typ av insats är det?")).toBeNull();
    expect(questionFocus("Vilket datum gäller?")).toBeNull();
    expect(questionFocus("Hur gör jag en orosanmälan?")).toBeNull();
  });
});

describe("answerPhraseTokens", () => {
  it("names the words that only ask for a kind of answer, keeping the noun that may be the topic", () => {
    expect([...answerPhraseTokens("Hur lång tid tar handläggningen?")]).toEqual(["lång"]);
    expect([...answerPhraseTokens("Hur ofta ska vården övervägas?")]).toEqual(["ofta"]);
    expect([...answerPhraseTokens("Hur sent kan jag avboka?")]).toEqual(["sent"]);
    expect([...answerPhraseTokens("Hur gör jag en lång utredning?")]).toEqual([]);
  });
});

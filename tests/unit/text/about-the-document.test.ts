import { describe, expect, it } from "vitest";
import { hasAnswerType, isAboutTheDocument } from "../../../src/text/index.js";

describe("sentences about the document itself", () => {
  it("recognises a routine describing itself", () => {
    expect(isAboutTheDocument("Rutinen beskriver hur cyklar och hjälmar ska skötas.")).toBe(true);
    expect(isAboutTheDocument("Syftet med denna rutin är att säkerställa en säker hantering.")).toBe(true);
    expect(isAboutTheDocument("Denna riktlinje gäller för all personal inom hemtjänsten.")).toBe(true);
  });
  it("leaves sentences that answer alone", () => {
    expect(isAboutTheDocument("Ring polisen om du upptäcker att det varit inbrott.")).toBe(false);
    expect(isAboutTheDocument("Rutiner för nyckelhantering finns i pärmen.")).toBe(false);
  });
});

describe("frequencies as routines write them", () => {
  it.each(["Samtliga deltar vid fysisk brandövning vart 3:e år.", "Temperaturen kontrolleras 1 ggr/v.", "Städning var tredje månad.", "Möte varannan vecka."])(
    "%s holds a frequency",
    (text) => expect(hasAnswerType(text, "frequency")).toBe(true),
  );
  it("is not fooled by 'var och en'", () => {
    expect(hasAnswerType("Detta gäller var och en av oss.", "frequency")).toBe(false);
  });
});

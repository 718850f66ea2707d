import { describe, expect, it } from "vitest";
import { hasAnswerType } from "../../../src/text/index.js";

describe("frequencies as routines write them", () => {
  it.each(["Samtliga deltar vid fysisk brandövning vart 3:e år.", "Temperaturen kontrolleras 1 ggr/v.", "Städning var tredje månad.", "Möte varannan vecka."])(
    "%s holds a frequency",
    (text) => expect(hasAnswerType(text, "frequency")).toBe(true),
  );
  it("is not fooled by 'var och en'", () => {
    expect(hasAnswerType("Detta gäller var och en av oss.", "frequency")).toBe(false);
  });
});

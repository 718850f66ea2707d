import { describe, expect, it } from "vitest";
import { followUpContext, isElliptical, withContext } from "../../src/query/condense.js";

const user = (content: string) => ({ role: "user" as const, content });
const assistant = (content: string) => ({ role: "assistant" as const, content });

describe("follow-up questions", () => {
  it("tells elliptical follow-ups from standalone questions", () => {
    expect(isElliptical("Och vem beslutar om det?")).toBe(true);
    expect(isElliptical("Hur länge gäller det?")).toBe(true);
    expect(isElliptical("Och efter kontorstid?")).toBe(true);
    expect(isElliptical("Vilka uppgifter får socialtjänsten lämna ut till polisen utan samtycke?")).toBe(false);
  });

  it("borrows the topic from the previous question only when the new one leans on it", () => {
    const history = [user("Vad gäller för omedelbart omhändertagande enligt LVU?"), assistant("Socialnämnden får besluta …")];
    expect(followUpContext("Vem får besluta om det?", history)).toBe("Vad gäller för omedelbart omhändertagande enligt LVU?");
    expect(followUpContext("Vilka uppgifter får socialtjänsten lämna ut till polisen utan samtycke?", history)).toBeNull();
    expect(followUpContext("Vem får besluta om det?", [])).toBeNull();
  });

  it("walks back past a follow-up that is itself elliptical, to the question that names the topic", () => {
    const history = [
      user("Vad är en personuppgiftsincident?"),
      assistant("…"),
      user("Vad gäller för omedelbart omhändertagande enligt LVU?"),
      assistant("…"),
      user("Vem får besluta om det?"),
      assistant("…"),
    ];
    expect(followUpContext("Hur länge gäller det?", history)).toBe("Vad gäller för omedelbart omhändertagande enligt LVU?\nVem får besluta om det?");
    expect(withContext("Hur länge gäller det?", followUpContext("Hur länge gäller det?", history))).toBe(
      "Vad gäller för omedelbart omhändertagande enligt LVU?\nVem får besluta om det?\nHur länge gäller det?",
    );
    expect(withContext("Vilka uppgifter får lämnas ut?", null)).toBe("Vilka uppgifter får lämnas ut?");
  });
});

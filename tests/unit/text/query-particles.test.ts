import { describe, expect, it } from "vitest";
import { createTextContext, isContentToken, tokenize } from "../../../src/text/index.js";
import { Alternatives } from "../../../src/text/query-alternatives.js";
import { addParticleVerbs } from "../../../src/text/query-particles.js";
import { PARTICLE_SELF_WEIGHT, PARTICLE_WEIGHT } from "../../../src/text/query-weights.js";
import { termFor } from "../../../src/text/text-context.js";

const ctx = createTextContext();

function particles(question: string) {
  const words = tokenize(question);
  const tokens = words.filter(isContentToken);
  const alts = tokens.map(() => new Alternatives());
  const shares = new Map<number, number>();
  addParticleVerbs(words, alts, shares, ctx);
  return { tokens, alts: alts.map((a) => a.list()), shares };
}

describe("addParticleVerbs", () => {
  it("joins the particle to the front of the verb, past an inverted subject ('lämnar man ut' → utlämnar)", () => {
    const { tokens, alts } = particles("Hur lämnar man ut en handling?");
    expect(tokens).toEqual(["lämnar", "handling"]);
    expect(alts[0]).toEqual([{ term: termFor("utlämnar", ctx.features), weight: PARTICLE_WEIGHT, source: "particle" }]);
    expect(alts[1]).toEqual([]);
  });

  it("uses the particle's joined form ('tillbaka' → åter) and lowers the particle's own share", () => {
    const { tokens, alts, shares } = particles("Ska det rapporteras tillbaka till nämnden?");
    expect(alts[0]).toEqual([{ term: termFor("återrapporteras", ctx.features), weight: PARTICLE_WEIGHT, source: "particle" }]);
    expect(shares.get(tokens.indexOf("tillbaka"))).toBe(PARTICLE_SELF_WEIGHT);
    expect(shares.has(tokens.indexOf("rapporteras"))).toBe(false);
  });

  it("adds nothing when no particle follows the verb", () => {
    const { alts, shares } = particles("Vem fattar beslutet?");
    expect(alts.flat()).toEqual([]);
    expect(shares.size).toBe(0);
  });
});

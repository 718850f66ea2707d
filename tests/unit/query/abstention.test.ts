import { describe, expect, it } from "vitest";
import { answerableProbability, calibrationSchema, decide, defaultCalibration, type Calibration, type EvidenceSignals } from "../../../src/query/abstention.js";

const calibration: Calibration = {
  refusal: { weights: { coverage: 6, evidenceCoverage: 2, unseenNoun: -6 }, bias: -3, below: 0.2 },
  notice: { weights: { coverage: 6, evidenceCoverage: 2, unseenNoun: -4, focusMissing: -3, answerTypeMissing: -2 }, bias: -3, below: 0.6 },
  source: "test",
};
const strong: EvidenceSignals = { coverage: 0.9, evidenceCoverage: 0.8, unseenNoun: false, focusMissing: false, answerTypeMissing: false };

describe("abstention decision", () => {
  it("abstains when nothing was found", () => {
    expect(decide(null, calibration)).toEqual({ decision: "abstain", probability: 0 });
  });

  it("answers strong evidence, flags weak evidence, refuses evidence that is nearly nothing", () => {
    expect(decide(strong, calibration).decision).toBe("answer");
    expect(decide({ ...strong, coverage: 0.4, evidenceCoverage: 0.3 }, calibration).decision).toBe("uncertain");
    expect(decide({ ...strong, coverage: 0.1, evidenceCoverage: 0.1, unseenNoun: true }, calibration).decision).toBe("abstain");
  });

  it("never refuses on a missing focus or fact alone: those only add the notice", () => {
    expect(decide({ ...strong, focusMissing: true, answerTypeMissing: true }, calibration).decision).toBe("uncertain");
  });

  it("refuses when the thing asked about occurs nowhere in the documents", () => {
    expect(decide({ ...strong, unseenNoun: true }, calibration).decision).toBe("abstain");
  });

  it("is the logistic model of the calibration: more coverage never lowers the probability, a missing focus lowers it", () => {
    const p = (s: Partial<EvidenceSignals>) => answerableProbability({ ...strong, ...s }, calibration);
    expect(p({ coverage: 0.3 })).toBeLessThan(p({ coverage: 0.6 }));
    expect(p({ focusMissing: true })).toBeLessThan(p({}));
    expect(p({})).toBeCloseTo(1 / (1 + Math.exp(-(-3 + 6 * 0.9 + 2 * 0.8))), 10);
  });

  it("ships a valid fitted calibration that names its source", () => {
    const shipped = defaultCalibration();
    expect(calibrationSchema.safeParse(shipped).success).toBe(true);
    expect(Object.keys(shipped.refusal.weights).sort()).toEqual(["coverage", "evidenceCoverage", "unseenNoun"]);
    expect(shipped.source).toMatch(/cross-validated/);
  });
});

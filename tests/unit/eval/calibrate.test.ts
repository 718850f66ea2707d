import { describe, expect, it } from "vitest";
import { chooseThresholds, crossValidated, fitLogistic, predict, type Sample } from "../../../eval/calibrate.js";

// Answerable questions have high coverage, unanswerable ones low, with overlap in the middle.
const samples: Sample[] = [];
for (let i = 0; i < 60; i++) samples.push({ x: [0.4 + (i % 10) * 0.06, 0], y: 1 });
for (let i = 0; i < 20; i++) samples.push({ x: [0.1 + (i % 10) * 0.05, i % 2], y: 0 });

describe("abstention calibration fit", () => {
  it("learns that coverage raises and the veto signal lowers the probability", () => {
    const model = fitLogistic(samples);
    expect(model.w[0]).toBeGreaterThan(0);
    expect(model.w[1]).toBeLessThan(0);
    expect(predict(model, [0.9, 0])).toBeGreaterThan(0.9);
    expect(predict(model, [0.1, 1])).toBeLessThan(0.1);
  });

  it("chooses the refusal threshold on out-of-fold probabilities so at most 3 % of answerable items are refused", () => {
    const p = crossValidated(samples);
    expect(p).toHaveLength(samples.length);
    const { abstainBelow, uncertainBelow } = chooseThresholds(samples, p);
    const refusedAnswerable = samples.filter((s, i) => s.y === 1 && p[i]! < abstainBelow).length;
    expect(refusedAnswerable).toBeLessThanOrEqual(Math.floor(60 * 0.03));
    expect(uncertainBelow).toBeGreaterThanOrEqual(abstainBelow);
    // Most unanswerable items fall under the notice threshold.
    expect(samples.filter((s, i) => s.y === 0 && p[i]! < uncertainBelow).length).toBeGreaterThan(10);
  });
});

/**
 * Regression floors: minimum (or maximum) values a report must reach, kept in
 * eval/floors.json so a test can gate merges on answer quality.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { GroupSummary, Report } from "./types.js";

const boundsSchema = z.object({
  min: z.record(z.string(), z.number().nullable()).default({}),
  max: z.record(z.string(), z.number().nullable()).default({}),
});

export const floorsSchema = boundsSchema.extend({
  $comment: z.string().optional(),
  byType: z.record(z.string(), boundsSchema).default({}),
});
export type Floors = z.infer<typeof floorsSchema>;

export interface FloorFailure {
  /** "overall" or a question type. */
  scope: string;
  key: string;
  bound: "min" | "max";
  limit: number;
  actual: number | null;
  message: string;
}

/** Default location of the floors file. */
const DEFAULT_FLOORS_FILE = fileURLToPath(new URL("./floors.json", import.meta.url));

/** Reads and validates a floors file (default eval/floors.json). */
export async function loadFloors(file = DEFAULT_FLOORS_FILE): Promise<Floors> {
  return floorsSchema.parse(JSON.parse(await readFile(file, "utf8")));
}

function checkGroup(scope: string, group: GroupSummary | undefined, bounds: z.infer<typeof boundsSchema>): FloorFailure[] {
  const failures: FloorFailure[] = [];
  for (const bound of ["min", "max"] as const) {
    for (const [key, limit] of Object.entries(bounds[bound])) {
      if (limit === null) continue;
      const actual = group?.scores[key] ?? null;
      const ok = actual !== null && (bound === "min" ? actual >= limit : actual <= limit);
      if (ok) continue;
      const shown = actual === null ? "missing" : String(Number(actual.toFixed(4)));
      failures.push({
        scope,
        key,
        bound,
        limit,
        actual,
        message: `${scope} ${key} = ${shown}, ${bound === "min" ? "floor" : "ceiling"} ${limit}`,
      });
    }
  }
  return failures;
}

/**
 * Every floor the report misses. A floor set on a metric the report lacks
 * (null, or the type absent) is a failure too: a gate must not pass silently.
 */
export function checkFloors(report: Report, floors: Floors): FloorFailure[] {
  const failures = checkGroup("overall", report.summary, floors);
  for (const [type, bounds] of Object.entries(floors.byType)) {
    failures.push(...checkGroup(type, report.byType[type as keyof Report["byType"]], bounds));
  }
  return failures;
}

/** Exit codes of `pilotstatus drift`, like driftctl's: 0 in sync, 1 drift, 2 could not audit. */
import type { DriftReport } from "./report.schema";

export const EXIT = { inSync: 0, drift: 1, error: 2 } as const;

export function exitCodeOf(report: Pick<DriftReport, "drifted">): number {
  return report.drifted ? EXIT.drift : EXIT.inSync;
}

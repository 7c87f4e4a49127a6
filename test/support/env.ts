/** Environment variables set for each test and put back as they were afterwards. */
import { afterEach, beforeEach } from "vitest";

/**
 * Before each test, sets every variable `values()` names (`undefined` deletes it); after each test,
 * restores what was there before. Evaluated per test so values can come from a running server.
 */
export function useEnv(values: () => Record<string, string | undefined>): void {
  let saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    const next = values();
    saved = Object.fromEntries(Object.keys(next).map((name) => [name, process.env[name]]));
    assign(next);
  });
  afterEach(() => {
    assign(saved);
    saved = {};
  });
}

function assign(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

import { describe, expect, it } from "vitest";
import { progressReporter } from "./progress";

function collect(interactive: boolean) {
  const written: string[] = [];
  const r = progressReporter({ write: (t: string) => written.push(t) }, interactive);
  r.onProgress({ phase: "list", done: 0, total: 1, retries: 0, concurrency: 4 });
  r.onProgress({ phase: "list", done: 1, total: 1, retries: 0, concurrency: 4 });
  for (let done = 0; done <= 40; done++) r.onProgress({ phase: "detail", done, total: 40, retries: done > 20 ? 3 : 0, concurrency: done > 20 ? 2 : 4 });
  r.finish();
  return written;
}

describe("progressReporter", () => {
  it("writes a plain line every 10% when stderr is not a terminal", () => {
    const lines = collect(false);
    expect(lines.every((l) => l.endsWith("\n") && !l.includes("\r"))).toBe(true);
    expect(lines).toHaveLength(1 + 11);
    expect(lines[0]).toBe("pilotstatus drift: listed the account's numbers\n");
    expect(lines.at(-1)).toBe("pilotstatus drift: reading declared numbers 40/40 (concurrency 2, 3 retries)\n");
  });

  it("redraws one line on a terminal, always shows the final count, and clears it at the end", () => {
    const writes = collect(true);
    expect(writes.every((w) => w.startsWith("\r\x1b[2K") && !w.includes("\n"))).toBe(true);
    expect(writes.at(-2)).toBe("\r\x1b[2Kpilotstatus drift: reading declared numbers 40/40 (concurrency 2, 3 retries)");
    expect(writes.at(-1)).toBe("\r\x1b[2K");
  });

  it("names the tenant when the audit reads several, each from its own start", () => {
    const written: string[] = [];
    const r = progressReporter({ write: (t: string) => written.push(t) }, false);
    for (const tenant of ["the default account", 'account "acme"']) {
      r.onProgress({ phase: "list", done: 1, total: 1, retries: 0, concurrency: 4, tenant });
      for (let done = 0; done <= 2; done++) r.onProgress({ phase: "detail", done, total: 2, retries: 0, concurrency: 4, tenant });
    }
    expect(written.filter((l) => l.includes("2/2"))).toEqual([
      "pilotstatus drift: the default account: reading declared numbers 2/2 (concurrency 4)\n",
      'pilotstatus drift: account "acme": reading declared numbers 2/2 (concurrency 4)\n',
    ]);
    expect(written[0]).toBe("pilotstatus drift: the default account: listed the account's numbers\n");
  });
});

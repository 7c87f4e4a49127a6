import { describe, expect, it } from "vitest";
import { progressMode, progressReporter } from "./progress";
import { terminalCaps } from "./terminal";

function collect(interactive: boolean) {
  const written: string[] = [];
  const r = progressReporter({ write: (t: string) => written.push(t) }, interactive);
  r.onProgress({ phase: "list", done: 0, total: 1, retries: 0, concurrency: 4 });
  r.onProgress({ phase: "list", done: 1, total: 1, retries: 0, concurrency: 4 });
  for (let done = 0; done <= 40; done++)
    r.onProgress({ phase: "detail", done, total: 40, retries: done > 20 ? 3 : 0, concurrency: done > 20 ? 2 : 4 });
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

describe("progressMode: NO_COLOR and TERM=dumb", () => {
  const mode = (isTTY: boolean | undefined, env: NodeJS.ProcessEnv, forced = false) => progressMode({ forced, isTTY, env });

  it("redraws only on a terminal that can move the cursor", () => {
    expect(mode(true, { TERM: "xterm-256color" })).toBe("redraw");
    expect(mode(true, {})).toBe("redraw");
    // NO_COLOR is about colour, not the cursor: the line is still redrawn, and nothing it writes is coloured.
    expect(mode(true, { NO_COLOR: "1", TERM: "xterm" })).toBe("redraw");
    expect(collect(true).join("")).not.toMatch(/\x1b\[[0-9;]*m/);
  });

  it("TERM=dumb gets plain lines, as a CI log does, with or without --progress", () => {
    expect(mode(true, { TERM: "dumb" })).toBe("lines");
    expect(mode(true, { TERM: "DUMB " }, true)).toBe("lines");
    expect(mode(false, { TERM: "dumb" }, true)).toBe("lines");
  });

  it("off when stderr is no terminal and --progress is not given", () => {
    expect(mode(false, {})).toBe("off");
    expect(mode(undefined, { TERM: "xterm" })).toBe("off");
    expect(mode(false, {}, true)).toBe("lines");
  });
});

describe("terminalCaps", () => {
  it("colour needs a terminal that is not dumb and no non-empty NO_COLOR", () => {
    expect(terminalCaps({ TERM: "xterm" }, true)).toEqual({ colour: true, cursor: true });
    expect(terminalCaps({ TERM: "xterm", NO_COLOR: "1" }, true)).toEqual({ colour: false, cursor: true });
    expect(terminalCaps({ TERM: "xterm", NO_COLOR: "" }, true)).toEqual({ colour: true, cursor: true });
    expect(terminalCaps({ TERM: "dumb" }, true)).toEqual({ colour: false, cursor: false });
    expect(terminalCaps({ TERM: "xterm" }, false)).toEqual({ colour: false, cursor: false });
  });
});

/**
 * Progress on stderr for large tenants. On a terminal one line is redrawn in place; elsewhere
 * (`--progress` into a CI log, or a terminal with `TERM=dumb`) a plain line every 10%. Never written
 * to stdout.
 */
import type { AuditProgress } from "./accountState";
import { terminalCaps } from "./terminal";

export interface ProgressSink {
  write(text: string): unknown;
}

export interface ProgressReporter {
  onProgress: (p: AuditProgress) => void;
  /** Clears the redrawn line. */
  finish: () => void;
}

function describe(p: AuditProgress): string {
  if (p.tenant !== undefined) return `${p.tenant}: ${describeStep(p)}`;
  return describeStep(p);
}

function describeStep(p: AuditProgress): string {
  if (p.phase === "list") return p.done === 0 ? "listing the account's numbers…" : "listed the account's numbers";
  const retries = p.retries > 0 ? `, ${p.retries} retr${p.retries === 1 ? "y" : "ies"}` : "";
  return `reading declared numbers ${p.done}/${p.total} (concurrency ${p.concurrency}${retries})`;
}

/**
 * How progress is shown: redrawn in place on a terminal that can move the cursor; plain lines on a
 * `TERM=dumb` terminal or, with --progress, when stderr is not a terminal; otherwise not at all.
 */
export function progressMode(options: { forced: boolean; isTTY: boolean | undefined; env: NodeJS.ProcessEnv }): "redraw" | "lines" | "off" {
  if (terminalCaps(options.env, options.isTTY).cursor) return "redraw";
  return options.forced || options.isTTY === true ? "lines" : "off";
}

export function progressReporter(sink: ProgressSink, interactive: boolean): ProgressReporter {
  let drawn = false;
  let lastAt = 0;
  let lastDecile = -1;
  return {
    onProgress(p) {
      if (interactive) {
        const now = Date.now();
        const last = p.done === p.total;
        if (!last && now - lastAt < 100) return;
        lastAt = now;
        sink.write(`\r\x1b[2Kpilotstatus drift: ${describe(p)}`);
        drawn = true;
        return;
      }
      if (p.phase === "list") {
        if (p.done === 1) sink.write(`pilotstatus drift: ${describe(p)}\n`);
        return;
      }
      const decile = p.total === 0 ? 10 : Math.floor((p.done * 10) / p.total);
      if (decile !== lastDecile) {
        lastDecile = decile;
        sink.write(`pilotstatus drift: ${describe(p)}\n`);
      }
    },
    finish() {
      if (drawn) sink.write("\r\x1b[2K");
      drawn = false;
    },
  };
}

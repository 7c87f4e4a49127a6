/**
 * The bench's one table: every figure sits beside its baseline (measured in the same run) or its bound (derived from
 * what was measured, e.g. requests / rate), with the ratio and the goal on that ratio. Written as JSON too, so two
 * runs (two commits) can be compared figure by figure.
 */
import { writeFile } from "node:fs/promises";

export interface Reference {
  /** "baseline": measured in this run; "bound": the best possible, computed from this run's inputs. */
  kind: "baseline" | "bound";
  value: number;
  /** What the reference is, e.g. "detail at 2,000 numbers" or "requests / 20 req/s". */
  label: string;
}

export interface Goal {
  /** value / reference must be at most this... */
  maxRatio?: number;
  /** ...or at least this. */
  minRatio?: number;
}

export interface Figure {
  group: string;
  figure: string;
  value: number;
  unit: string;
  reference: Reference;
  ratio: number;
  goal: string;
  ok: boolean;
}

export class BenchReport {
  readonly figures: Figure[] = [];
  #group = "";

  /** Figures recorded from now on belong to this group (one per bench module). */
  group(name: string): void {
    this.#group = name;
  }

  record(figure: string, value: number, unit: string, reference: Reference, goal: Goal): Figure {
    const ratio = reference.value === 0 ? (value === 0 ? 1 : Number.POSITIVE_INFINITY) : value / reference.value;
    const parts: string[] = [];
    if (goal.maxRatio !== undefined) parts.push(`≤ ${goal.maxRatio}x`);
    if (goal.minRatio !== undefined) parts.push(`≥ ${goal.minRatio}x`);
    const ok = (goal.maxRatio === undefined || ratio <= goal.maxRatio) && (goal.minRatio === undefined || ratio >= goal.minRatio);
    const f: Figure = { group: this.#group, figure, value, unit, reference, ratio, goal: parts.join(", "), ok };
    this.figures.push(f);
    return f;
  }

  get missed(): Figure[] {
    return this.figures.filter((f) => !f.ok);
  }

  table(): string {
    const rows = this.figures.map((f) => [
      f.group,
      f.figure,
      `${format(f.value)} ${f.unit}`,
      `${f.reference.kind} ${format(f.reference.value)} (${f.reference.label})`,
      `${f.ratio.toFixed(2)}x`,
      f.goal,
      f.ok ? "ok" : "MISSED",
    ]);
    const head = ["group", "figure", "value", "baseline or bound", "ratio", "goal", ""];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd();
    return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
  }

  async writeJson(path: string, meta: Record<string, unknown>): Promise<void> {
    await writeFile(path, `${JSON.stringify({ ...meta, figures: this.figures }, null, 2)}\n`);
  }
}

function format(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** The middle sample (the upper one of an even count). */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

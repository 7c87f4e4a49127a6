/** Counts public requests by "METHOD /route/:pattern" (unmatched routes by their raw path). */
export class RequestCounter {
  private counts = new Map<string, number>();

  record(method: string, route: string): void {
    const k = `${method.toUpperCase()} ${route}`;
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }

  reset(): void {
    this.counts.clear();
  }

  report(): { counts: Record<string, number>; total: number } {
    const counts = Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
    return { counts, total };
  }
}

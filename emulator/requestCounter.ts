/**
 * Counts public requests by "METHOD /route/:pattern" (unmatched routes by their raw path), and the requests that
 * presented a valid key by that key's id (so a test can show one tenant's key never reached another's numbers).
 */
export class RequestCounter {
  private counts = new Map<string, number>();
  private byKey = new Map<string, number>();

  record(method: string, route: string): void {
    const k = `${method.toUpperCase()} ${route}`;
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }

  recordKey(keyId: string): void {
    this.byKey.set(keyId, (this.byKey.get(keyId) ?? 0) + 1);
  }

  reset(): void {
    this.counts.clear();
    this.byKey.clear();
  }

  report(): { counts: Record<string, number>; total: number; byKey: Record<string, number> } {
    const sorted = (m: Map<string, number>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
    return { counts: sorted(this.counts), total, byKey: sorted(this.byKey) };
  }
}

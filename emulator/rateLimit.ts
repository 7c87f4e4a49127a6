/** Per-key token bucket; off unless the control API turns it on. */
export class RateLimiter {
  private enabled = false;
  private perSecond = 10;
  private buckets = new Map<string, { tokens: number; at: number }>();

  configure(enabled: boolean, perSecond?: number): void {
    if (perSecond !== undefined) {
      if (!(perSecond > 0)) throw new Error("perSecond must be > 0");
      this.perSecond = perSecond;
    }
    this.enabled = enabled;
    this.buckets.clear();
  }

  settings(): { enabled: boolean; perSecond: number } {
    return { enabled: this.enabled, perSecond: this.perSecond };
  }

  /** null = allowed; otherwise the whole seconds to wait (>= 1) for the next token. */
  take(key: string, now = Date.now()): number | null {
    if (!this.enabled) return null;
    const cap = Math.max(1, this.perSecond);
    const b = this.buckets.get(key) ?? { tokens: cap, at: now };
    b.tokens = Math.min(cap, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }
}

/**
 * Injected faults for public requests: a status reply, added latency, or a dropped connection
 * ("before" = without running the handler, "after" = run it, then drop the response).
 */
export interface FaultSpec {
  method?: string;
  /** Exact route path ("/v1/numbers/:id") or concrete path, or a prefix ending in "*". */
  path?: string;
  count: number;
  status?: number;
  /** Seconds or an HTTP date; omitted = no Retry-After header. */
  retryAfter?: number | string;
  body?: unknown;
  latencyMs?: number;
  drop?: "before" | "after";
}

function matchesPath(pattern: string, routePath: string | undefined, rawPath: string): boolean {
  if (pattern.endsWith("*")) {
    const prefix = pattern.slice(0, -1);
    return rawPath.startsWith(prefix) || (routePath?.startsWith(prefix) ?? false);
  }
  return pattern === rawPath || pattern === routePath;
}

export class FaultQueue {
  private queue: FaultSpec[] = [];

  add(spec: FaultSpec): void {
    if (!Number.isInteger(spec.count) || spec.count < 1) throw new Error("count must be a positive integer");
    this.queue.push({ ...spec });
  }

  clear(): void {
    this.queue = [];
  }

  pending(): FaultSpec[] {
    return this.queue.map((f) => ({ ...f }));
  }

  /** Takes one use of the first fault matching this request, if any. */
  take(method: string, routePath: string | undefined, rawPath: string): FaultSpec | undefined {
    const i = this.queue.findIndex(
      (f) =>
        (f.method === undefined || f.method.toUpperCase() === method.toUpperCase()) &&
        (f.path === undefined || matchesPath(f.path, routePath, rawPath)),
    );
    if (i < 0) return undefined;
    const f = this.queue[i]!;
    f.count -= 1;
    if (f.count <= 0) this.queue.splice(i, 1);
    return f;
  }
}

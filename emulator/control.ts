/**
 * EmulatorControl: a typed client for the control API (/__emulator/*) over global fetch. Needs only
 * the base URL, so tests can drive an emulator started in another process (e.g. by the CLI).
 */
import { z } from "zod";
import { ApiKeySummary, Call, NumberDetail } from "pulumi-pilotstatus/contract";
import type { AddCallsBody, CreateNumberBody, FaultBody, HealthBody, RateLimitBody, RenameBody, SeedBody } from "./controlSchemas";

export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`emulator control ${what} failed with HTTP ${status}: ${JSON.stringify(body)}`);
  }
}

const ControlNumber = NumberDetail.extend({ numberKey: z.string(), numberKeyId: z.string() });
export type ControlNumber = z.infer<typeof ControlNumber>;
const Ids = z.object({ ids: z.array(z.string()) });
const NumberKey = z.object({ key: z.string(), keyId: z.string() });
const Requests = z.object({ counts: z.record(z.string(), z.number()), total: z.number(), byKey: z.record(z.string(), z.number()) });
const RateLimitSettings = z.object({ enabled: z.boolean(), perSecond: z.number() });
const StateDump = z.object({
  tenants: z.record(
    z.string(),
    z.object({
      tenantKeyId: z.string().nullable(),
      numbers: z.array(
        NumberDetail.extend({
          tenant: z.string(),
          keys: z.array(ApiKeySummary.extend({ keyId: z.string() })),
          calls: z.array(Call),
        }),
      ),
    }),
  ),
});
export type StateDump = z.infer<typeof StateDump>;
const Anything = z.unknown();

export class EmulatorControl {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  private async call<S extends z.ZodType>(schema: S, method: string, path: string, body?: unknown): Promise<z.infer<S>> {
    const res = await fetch(`${this.baseUrl}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed: unknown = text === "" ? null : JSON.parse(text);
    if (!res.ok) throw new ControlError(res.status, parsed, `${method} ${path}`);
    return schema.parse(parsed);
  }

  private static seg(id: string): string {
    return encodeURIComponent(id);
  }

  async reset(): Promise<void> {
    await this.call(Anything, "POST", "/reset");
  }
  createNumber(b: CreateNumberBody): Promise<ControlNumber> {
    return this.call(ControlNumber, "POST", "/numbers", b);
  }
  seed(b: SeedBody): Promise<{ ids: string[] }> {
    return this.call(Ids, "POST", "/seed", b);
  }
  pair(id: string): Promise<NumberDetail> {
    return this.call(NumberDetail, "POST", `/numbers/${EmulatorControl.seg(id)}/pair`);
  }
  disconnect(id: string): Promise<NumberDetail> {
    return this.call(NumberDetail, "POST", `/numbers/${EmulatorControl.seg(id)}/disconnect`);
  }
  setHealth(id: string, h: HealthBody): Promise<NumberDetail> {
    return this.call(NumberDetail, "PUT", `/numbers/${EmulatorControl.seg(id)}/health`, h);
  }
  rename(id: string, b: RenameBody): Promise<NumberDetail> {
    return this.call(NumberDetail, "PATCH", `/numbers/${EmulatorControl.seg(id)}`, b);
  }
  async deleteNumber(id: string): Promise<void> {
    await this.call(Anything, "DELETE", `/numbers/${EmulatorControl.seg(id)}`);
  }
  numberKey(id: string): Promise<{ key: string; keyId: string }> {
    return this.call(NumberKey, "GET", `/numbers/${EmulatorControl.seg(id)}/key`);
  }
  addCalls(id: string, b: AddCallsBody): Promise<{ ids: string[] }> {
    return this.call(Ids, "POST", `/numbers/${EmulatorControl.seg(id)}/calls`, b);
  }
  async fault(spec: FaultBody): Promise<void> {
    await this.call(Anything, "POST", "/faults", spec);
  }
  async clearFaults(): Promise<void> {
    await this.call(Anything, "DELETE", "/faults");
  }
  rateLimit(b: RateLimitBody): Promise<{ enabled: boolean; perSecond: number }> {
    return this.call(RateLimitSettings, "PUT", "/rate-limit", b);
  }
  /** Requests since the last reset: by route, in all, and by the id of the valid key they presented. */
  requests(): Promise<{ counts: Record<string, number>; total: number; byKey: Record<string, number> }> {
    return this.call(Requests, "GET", "/requests");
  }
  async resetRequests(): Promise<void> {
    await this.call(Anything, "DELETE", "/requests");
  }
  state(): Promise<StateDump> {
    return this.call(StateDump, "GET", "/state");
  }
}

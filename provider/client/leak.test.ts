/** The API key never leaves in an error, a stack, a serialized error, an onRetry event or the client itself. */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { useEmulator } from "../../test/support/emulator";
import { caught } from "../../test/support/errors";
import { fastRetry } from "../../test/support/retry";
import { PilotStatusClient } from "./client";
import type { PilotStatusError } from "./errors";
import type { RetryEvent } from "./retry";

const emu = useEmulator();

/** Every way an error could be shown or shipped. */
function renderings(e: unknown): string[] {
  const err = e as Error & Record<string, unknown>;
  const own = Object.fromEntries(Object.getOwnPropertyNames(err).map((k) => [k, err[k]]));
  return [
    String(err),
    err.message,
    err.stack ?? "",
    JSON.stringify(err),
    JSON.stringify(own),
    inspect(err, { depth: 10, showHidden: true, getters: true }),
    inspect(structuredClone(own), { depth: 10 }),
    inspect(err.cause, { depth: 10 }),
  ];
}

describe("the key never leaks", () => {
  it("through any thrown error, retry event or the client object", async () => {
    const meta = await emu.control.createNumber({ name: "M", number: "+5511900000009", provider: "META" });
    const open = await emu.control.createNumber({ name: "O", number: "+5511900000008", state: "OPEN" });
    const events: RetryEvent[] = [];
    const opts = { baseUrl: emu.url, timeoutMs: 150, ...fastRetry, onRetry: (e: RetryEvent) => events.push(e) };
    const secrets = [emu.tenantKey, emu.tenantKeyId, meta.numberKey, "ps_wrong_but_secret_0123"];
    const tenant = new PilotStatusClient({ apiKey: emu.tenantKey, ...opts });
    const byId = new PilotStatusClient({ apiKeyId: emu.tenantKeyId, ...opts });
    const numberScoped = new PilotStatusClient({ apiKey: meta.numberKey, ...opts });
    const wrong = new PilotStatusClient({ apiKey: "ps_wrong_but_secret_0123", ...opts });

    const errors: PilotStatusError[] = [];
    errors.push(await caught(wrong.listNumbers())); // 401
    errors.push(await caught(tenant.listCalls())); // 403
    errors.push(await caught(tenant.getNumber("wa_missing"))); // 404
    errors.push(await caught(byId.connectNumber(open.id))); // 409
    errors.push(await caught(tenant.connectNumber(meta.id))); // 400
    errors.push(await caught(numberScoped.getCall("call_missing"))); // 404 call
    errors.push(await caught(tenant.getNumber("../api-keys"))); // refused id
    errors.push(await caught(tenant.listCalls({ limit: 0 }))); // invalid arg
    await emu.control.fault({ path: "/v1/numbers", count: 2, status: 429, retryAfter: 0 });
    const impatient = new PilotStatusClient({ apiKey: emu.tenantKey, ...opts, retry: { limit: 1, maxTotalMs: 0 } });
    errors.push(await caught(impatient.listNumbers())); // rate limited
    await emu.control.fault({ path: "/v1/numbers", count: 2, status: 503 });
    errors.push(await caught(byId.listNumbers())); // 5xx
    await emu.control.fault({ method: "POST", path: "/v1/numbers", count: 1, drop: "after" });
    errors.push(await caught(tenant.createNumber({ name: "N", number: "+5511900000007" }))); // dropped POST
    await emu.control.fault({ path: "/v1/numbers", count: 2, latencyMs: 400 });
    errors.push(await caught(tenant.listNumbers())); // timeout
    await emu.control.fault({ path: "/v1/numbers", count: 1, status: 200, body: { not: "a list" } });
    errors.push(await caught(tenant.listNumbers())); // unexpected shape
    // The server echoing the key in its error text is redacted too.
    await emu.control.fault({ path: "/v1/numbers", count: 1, status: 400, body: { error: `bad key ${emu.tenantKey}` } });
    const echoed = await caught(tenant.listNumbers());
    expect(echoed.apiError).toContain("[redacted]");
    errors.push(echoed);
    errors.push(await caught(new PilotStatusClient({ apiKey: "ps_x", baseUrl: "http://127.0.0.1:9", retry: { limit: 0 } }).listNumbers()));

    expect(new Set(errors.map((e) => e.kind)).size).toBeGreaterThanOrEqual(10);
    expect(events.length).toBeGreaterThan(0);
    const texts = [
      ...errors.flatMap(renderings),
      JSON.stringify(events),
      ...[tenant, byId, numberScoped, wrong].map((c) => inspect(c, { depth: 10, showHidden: true })),
      ...[tenant, byId, numberScoped, wrong].map((c) => JSON.stringify(c)),
    ];
    for (const t of texts) for (const s of secrets) expect(t).not.toContain(s);
    for (const e of errors) expect(e.cause).toBeUndefined();
  });

  it("a config error about a bad key does not echo it", async () => {
    const e = (() => {
      try {
        new PilotStatusClient({ apiKey: "ps_bad key with space" });
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    for (const t of renderings(e)) expect(t).not.toContain("ps_bad key");
  });
});

describe("path injection", () => {
  it("unsafe ids are refused with zero requests", async () => {
    const c = new PilotStatusClient({ apiKey: emu.tenantKey, baseUrl: emu.url });
    const ids = ["../api-keys", "a/b", "%2e%2e", "..", "wa_1/../../x", "wa_1?refresh=1", "wa 1", "", "wa\n1"];
    for (const id of ids) {
      for (const call of [
        () => c.getNumber(id),
        () => c.getNumberStatus(id),
        () => c.connectNumber(id),
        () => c.deleteNumber(id),
        () => c.getCall(id),
      ]) {
        const e = await caught(call());
        expect(e.kind).toBe("invalid_argument");
      }
    }
    expect((await emu.control.requests()).total).toBe(0);
  });

  it("a plain-http non-loopback base URL is refused (key would travel in clear text)", () => {
    expect(() => new PilotStatusClient({ apiKey: "ps_x", baseUrl: "http://pilotstatus.com.br" })).toThrow(/clear text/);
  });
});

/**
 * /__emulator/* — the test-only control API: out-of-band changes (as if made in the dashboard),
 * faults, rate limiting, request counts and a secret-free state dump. No API key; never counted.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { completeCall, generateCalls } from "./callGenerator";
import { parseBody, type EmulatorContext } from "./context";
import { AddCallsBody, CreateNumberBody, FaultBody, HealthBody, RateLimitBody, RenameBody, SeedBody } from "./controlSchemas";
import { routeNotFound, validation } from "./errors";
import { normalizeNumber, PILOT_STATUS, type NumberRecord } from "./state";
import { toDetail, toStateDump } from "./views";

export const CONTROL_PREFIX = "/__emulator";
const CALLS_BODY_LIMIT = 64 * 1024 * 1024;

/**
 * The control API as a Fastify plugin, registered under CONTROL_PREFIX: none of the public API's hooks (no key,
 * no counting, no faults, no rate limit, no request log) reach it, and its unknown paths get its own 404.
 */
export async function controlApi(app: FastifyInstance, { ctx }: { ctx: EmulatorContext }): Promise<void> {
  const { store } = ctx;
  app.setNotFoundHandler(routeNotFound);
  const numberOf = (req: FastifyRequest): NumberRecord => {
    const id = (req.params as Record<string, unknown>).id;
    return store.getAnyNumber(typeof id === "string" ? id : "");
  };
  const withKey = (n: NumberRecord) => {
    const key = store.defaultKey(n.id);
    return { ...toDetail(store, n), numberKey: key?.raw ?? null, numberKeyId: key?.id ?? null };
  };

  app.post("/reset", async () => {
    store.reset();
    ctx.faults.clear();
    ctx.counter.reset();
    ctx.rateLimiter.configure(false);
    return { ok: true };
  });

  app.post("/numbers", async (req, reply) => {
    const b = parseBody(CreateNumberBody, req.body);
    const { number } = store.createNumber({ ...b, tenant: b.tenant ?? "default" });
    reply.code(201);
    return withKey(number);
  });

  app.post("/seed", async (req, reply) => {
    const b = parseBody(SeedBody, req.body);
    const tenant = b.tenant ?? "default";
    const provider = b.provider ?? PILOT_STATUS;
    let next = BigInt(normalizeNumber(String(b.numberStart ?? "5511970000000"), provider));
    const ids: string[] = [];
    // Linear: each taken-number check and each create is an index look-up, whatever the tenant's size.
    for (let i = 0; i < b.count; i++) {
      let digits = next.toString();
      while (store.hasNumber(tenant, digits)) digits = (++next).toString();
      const { number } = store.createNumber({
        tenant,
        provider,
        name: `${b.namePrefix ?? "Seeded"} ${i + 1}`,
        number: digits,
        ...(b.state ? { state: b.state } : {}),
      });
      ids.push(number.id);
    }
    reply.code(201);
    return { ids };
  });

  app.post("/numbers/:id/pair", async (req) => {
    const n = numberOf(req);
    store.setState(n, "OPEN");
    return toDetail(store, n);
  });

  app.post("/numbers/:id/disconnect", async (req) => {
    const n = numberOf(req);
    store.setState(n, "CLOSE");
    return toDetail(store, n);
  });

  app.put("/numbers/:id/health", async (req) => {
    const n = numberOf(req);
    const b = parseBody(HealthBody, req.body);
    store.setHealth(n, Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined)));
    return toDetail(store, n);
  });

  app.patch("/numbers/:id", async (req) => {
    const n = numberOf(req);
    store.rename(n, parseBody(RenameBody, req.body));
    return toDetail(store, n);
  });

  app.delete("/numbers/:id", async (req) => {
    store.deleteNumber(numberOf(req).id);
    return { ok: true };
  });

  app.get("/numbers/:id/key", async (req) => {
    const key = store.defaultKey(numberOf(req).id);
    if (!key) throw validation("number has no key");
    return { key: key.raw, keyId: key.id };
  });

  // A list of partial calls can be long: 64 MiB (about 300,000 small partials) instead of Fastify's 1 MiB.
  app.post("/numbers/:id/calls", { bodyLimit: CALLS_BODY_LIMIT }, async (req, reply) => {
    const n = numberOf(req);
    const b = parseBody(AddCallsBody, req.body);
    const now = Date.now();
    const calls =
      "calls" in b
        ? b.calls.map((c, i) => completeCall(n.id, c, i, now))
        : generateCalls(n.id, b.count, b.newestAt ? Date.parse(b.newestAt) : now, b.spacingSeconds ?? 60);
    store.addCalls(n.id, calls);
    reply.code(201);
    return { ids: calls.map((c) => c.id) };
  });

  app.post("/faults", async (req, reply) => {
    ctx.faults.add(parseBody(FaultBody, req.body));
    reply.code(201);
    return { pending: ctx.faults.pending() };
  });
  app.get("/faults", async () => ({ pending: ctx.faults.pending() }));
  app.delete("/faults", async () => {
    ctx.faults.clear();
    return { ok: true };
  });

  app.put("/rate-limit", async (req) => {
    const b = parseBody(RateLimitBody, req.body);
    ctx.rateLimiter.configure(b.enabled, b.perSecond);
    return ctx.rateLimiter.settings();
  });

  app.get("/requests", async () => ctx.counter.report());
  app.delete("/requests", async () => {
    ctx.counter.reset();
    return { ok: true };
  });

  app.get("/state", async () => toStateDump(store, Object.fromEntries(ctx.tenantKeys.map((k) => [k.tenant, k.id]))));
}

/** /v1/calls* — per-number endpoints (DOC 004): number-scoped key, or a tenant key naming the number. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ASSUMED } from "pulumi-pilotstatus/contract";
import { boundNumberId } from "../auth";
import { principalOf, type EmulatorContext } from "../context";
import { ApiError, validation } from "../errors";
import type { NumberRecord } from "../state";
import { toCall } from "../views";

/** Web numbers and Meta numbers have calls; any other provider is 400 (DOC 004). */
const CALL_PROVIDERS = new Set(["META", "PILOT_STATUS", "EVO_GO"]);
const WEB_PROVIDERS = new Set(["PILOT_STATUS", "EVO_GO"]);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function queryString(req: FastifyRequest, name: string): string | undefined {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === "string" ? v : undefined;
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return 25;
  if (!/^\d+$/.test(raw)) throw validation("limit must be an integer between 1 and 100");
  const n = Number(raw);
  if (n < 1 || n > 100) throw validation("limit must be an integer between 1 and 100");
  return n;
}

function parseBefore(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const ms = Date.parse(raw);
  if (!ISO_8601.test(raw) || Number.isNaN(ms)) throw validation("before must be an ISO 8601 date-time");
  return ms;
}

export function registerCallRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const { store } = ctx;

  /** ASSUMED: GET /v1/calls/:callId runs the same checks as the list. */
  function callNumber(req: FastifyRequest): NumberRecord {
    const p = principalOf(req);
    const n = store.getNumber(p.tenant, boundNumberId(store, p, req.headers));
    if (!CALL_PROVIDERS.has(n.provider)) {
      throw new ApiError(400, ASSUMED.errorCodes.featureNotSupported, `Calls are not supported for ${n.provider}`);
    }
    return n;
  }

  function requireConnected(n: NumberRecord): void {
    if (WEB_PROVIDERS.has(n.provider) && n.state !== "OPEN") {
      throw new ApiError(409, ASSUMED.errorCodes.notConnected, "WhatsApp instance not connected");
    }
  }

  app.get("/v1/calls", async (req) => {
    const n = callNumber(req);
    const limit = parseLimit(queryString(req, "limit"));
    const before = parseBefore(queryString(req, "before"));
    requireConnected(n);
    return { calls: store.listCalls(n.id, limit, before).map(toCall) };
  });

  app.get("/v1/calls/:callId", async (req) => {
    const n = callNumber(req);
    requireConnected(n);
    const params = req.params as Record<string, unknown>;
    const call = typeof params.callId === "string" ? store.getCall(n.id, params.callId) : undefined;
    if (!call) throw new ApiError(404, ASSUMED.errorCodes.callNotFound, "Call not found");
    return toCall(call);
  });
}

/** /v1/numbers* — list, detail, status, create (QR / Meta / remote pairing), connect, delete. */
import type { FastifyInstance } from "fastify";
import { ASSUMED, CreateMetaNumberRequest, CreateNumberRequest, RemotePairingRequest } from "pulumi-pilotstatus/contract";
import type { Principal } from "../auth";
import { parseBody, principalOf, type EmulatorContext } from "../context";
import { ApiError, validation } from "../errors";
import { META, PILOT_STATUS, normalizeNumber, randomToken, type NumberRecord } from "../state";
import { toCreatedInstance, toDetail, toStatus, toSummary } from "../views";

function idOf(params: unknown): string {
  if (typeof params === "object" && params !== null && "id" in params && typeof params.id === "string") {
    return params.id;
  }
  throw validation("id is required");
}

export function pairingMaterial(n: NumberRecord): { qrcodeBase64: string; pairingCode: string } {
  const letters = () => Array.from({ length: 4 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("");
  const payload = Buffer.from(`emulator-qr:${n.id}:${randomToken(8)}`).toString("base64");
  return { qrcodeBase64: `data:image/png;base64,${payload}`, pairingCode: `${letters()}-${letters()}` };
}

/** `linkToApiKey` (default true) re-points a number-scoped caller; tenant keys are never linked. */
function linkCaller(ctx: EmulatorContext, p: Principal, linkToApiKey: boolean | undefined, numberId: string): string | null {
  if (p.numberId === null || linkToApiKey === false) return null;
  ctx.store.relinkKey(p.keyId, numberId);
  return p.keyId;
}

function maskNumber(digits: string): string | null {
  if (digits === "") return null;
  return `+${digits.slice(0, 4)}${"*".repeat(Math.max(0, digits.length - 8))}${digits.slice(-4)}`;
}

export function registerNumberRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const { store } = ctx;

  app.get("/v1/numbers", async (req) => {
    const p = principalOf(req);
    return store.listNumbers(p.tenant).map((n) => toSummary(store, n));
  });

  app.get("/v1/numbers/:id", async (req) => {
    const p = principalOf(req);
    const n = store.getNumber(p.tenant, idOf(req.params));
    const q = req.query as Record<string, unknown>;
    if (q.refresh === "1" || q.refresh === "true") store.refreshMeta(n);
    return toDetail(store, n);
  });

  app.get("/v1/numbers/:id/status", async (req) => {
    const p = principalOf(req);
    return toStatus(store.getNumber(p.tenant, idOf(req.params)));
  });

  app.post("/v1/numbers", async (req, reply) => {
    const p = principalOf(req);
    const body = parseBody(CreateNumberRequest, req.body);
    const { number } = store.createNumber({ tenant: p.tenant, name: body.name, number: body.number });
    const linkedApiKeyId = linkCaller(ctx, p, body.linkToApiKey, number.id);
    reply.code(201);
    return { instance: toCreatedInstance(number), ...pairingMaterial(number), linkedApiKeyId };
  });

  app.post("/v1/numbers/meta", async (req, reply) => {
    const p = principalOf(req);
    const body = parseBody(CreateMetaNumberRequest, req.body);
    const F = ASSUMED.metaCreateFields;
    const verifyToken = `vt_${randomToken(12)}`;
    const { number } = store.createNumber({
      tenant: p.tenant,
      name: body.name,
      number: body.number,
      provider: META,
      metaCredentials: {
        phoneId: body.metaPhoneId,
        wabaId: body[F.wabaId],
        accessToken: body[F.accessToken],
        appSecret: body[F.appSecret] ?? null,
        verifyToken,
      },
    });
    const R = ASSUMED.metaCreateResponseFields;
    reply.code(201);
    return {
      instance: toCreatedInstance(number),
      [R.webhookUrl]: `${ctx.publicUrl}/webhooks/meta/${number.id}`,
      [R.verifyToken]: verifyToken,
    };
  });

  app.post("/v1/numbers/remote-pairing", async (req, reply) => {
    const p = principalOf(req);
    const body = parseBody(RemotePairingRequest, req.body);
    const provider = body.provider ?? PILOT_STATUS;
    if (provider === PILOT_STATUS && body.number === undefined) {
      throw validation("number is required for PILOT_STATUS");
    }
    const digits = body.number === undefined ? "" : normalizeNumber(body.number, provider);
    const token = randomToken(16);
    const { number } = store.createNumber({
      tenant: p.tenant,
      name: body.name ?? `Remote pairing ${maskNumber(digits) ?? token.slice(0, 6)}`,
      number: digits,
      provider,
      state: "CLOSE",
      remotePairing: { token, externalRef: body.externalRef ?? null, redirectUrl: body.redirectUrl ?? null },
    });
    linkCaller(ctx, p, body.linkToApiKey, number.id);
    reply.code(201);
    return {
      instance: toCreatedInstance(number),
      remotePairingUrl: `${ctx.publicUrl}/pair/${token}${body.metaFlow ? `?flow=${body.metaFlow}` : ""}`,
      maskedNumber: maskNumber(digits),
      messageSent: body.sendViaWhatsApp === true && digits !== "",
    };
  });

  app.get("/v1/numbers/:id/connect", async (req) => {
    const p = principalOf(req);
    const n = store.getNumber(p.tenant, idOf(req.params));
    if (n.provider === META) {
      throw new ApiError(400, ASSUMED.errorCodes.featureNotSupported, "Meta numbers do not use QR pairing");
    }
    if (n.state === "OPEN") {
      throw new ApiError(409, ASSUMED.errorCodes.alreadyConnected, "Number is already connected");
    }
    store.setState(n, "CONNECTING");
    return pairingMaterial(n);
  });

  app.delete("/v1/numbers/:id", async (req) => {
    const p = principalOf(req);
    const n = store.getNumber(p.tenant, idOf(req.params));
    store.deleteNumber(n.id);
    return { ok: true };
  });
}

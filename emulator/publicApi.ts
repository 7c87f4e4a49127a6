/**
 * The public API as a Fastify plugin: its hooks guard its routes and nothing else.
 *
 *   publicApi            count, faults (onRequest), latency (preHandler), "drop after" (onSend), request log
 *   │                    (onResponse); answers every unknown path outside the control API (counted, faultable,
 *   │                    never authenticated)
 *   └─ authenticated     auth, rate limiter (onRequest); the /v1 routes
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ASSUMED } from "pulumi-pilotstatus/contract";
import { authenticate } from "./auth";
import { principalOf, type EmulatorContext } from "./context";
import { ApiError, EMULATOR_CODES, routeNotFound } from "./errors";
import type { FaultSpec } from "./faults";
import { registerCallRoutes } from "./routes/calls";
import { registerNumberRoutes } from "./routes/numbers";

export interface PublicApiOptions {
  ctx: EmulatorContext;
  /** One line per public request ("GET /v1/numbers 200"). */
  onRequestLog?: (line: string) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const rawPathOf = (req: FastifyRequest): string => req.url.split("?")[0] ?? req.url;

function faultBody(f: FaultSpec, status: number): unknown {
  if (f.body !== undefined) return f.body;
  if (status === 429) return { error: "Too many requests", code: ASSUMED.errorCodes.rateLimited };
  return { error: `Injected fault (HTTP ${status})`, code: EMULATOR_CODES.injectedFault };
}

export async function publicApi(app: FastifyInstance, { ctx, onRequestLog }: PublicApiOptions): Promise<void> {
  // Counted by route pattern; an unknown path by its raw path.
  app.addHook("onRequest", async (req) => {
    ctx.counter.record(req.method, req.routeOptions.url ?? rawPathOf(req));
  });

  app.addHook("onRequest", async (req, reply) => {
    const fault = ctx.faults.take(req.method, req.routeOptions.url, rawPathOf(req));
    if (!fault) return;
    // Latency is served after the body is read (preHandler), like a slow backend: a client that gives
    // up meanwhile does not stop the change from being applied.
    if (fault.latencyMs) {
      if (fault.drop === undefined && fault.status === undefined) req.latencyMs = fault.latencyMs;
      else await sleep(fault.latencyMs);
    }
    if (fault.drop === "before") {
      reply.hijack();
      req.raw.socket.destroy();
      return reply;
    }
    if (fault.drop === "after") req.dropAfter = true;
    else if (fault.status !== undefined) {
      if (fault.retryAfter !== undefined) reply.header(ASSUMED.headers.retryAfter, String(fault.retryAfter));
      return reply.code(fault.status).send(faultBody(fault, fault.status));
    }
  });

  app.addHook("preHandler", async (req) => {
    if (req.latencyMs) await sleep(req.latencyMs);
  });

  // Runs after the root's persistence hook: "drop after" = the handler has done its work (and it is saved);
  // the client never sees the answer.
  app.addHook("onSend", async (req, _reply, payload) => {
    if (req.dropAfter) req.raw.socket.destroy();
    return payload;
  });

  if (onRequestLog) {
    app.addHook("onResponse", async (req, reply) => {
      onRequestLog(`${req.method} ${req.url} ${reply.statusCode}`);
    });
  }

  // Unknown routes get this scope's hooks (counted, faults) but not the authenticated scope's: answered without auth.
  app.setNotFoundHandler(routeNotFound);

  await app.register(async (authenticated) => {
    authenticated.addHook("onRequest", async (req) => {
      const principal = authenticate(ctx.store, req.headers);
      ctx.counter.recordKey(principal.keyId);
      req.principal = principal;
    });

    authenticated.addHook("onRequest", async (req) => {
      const wait = ctx.rateLimiter.take(principalOf(req).keyId);
      if (wait !== null) {
        throw new ApiError(429, ASSUMED.errorCodes.rateLimited, "Too many requests", {
          [ASSUMED.headers.retryAfter]: String(wait),
        });
      }
    });

    registerNumberRoutes(authenticated, ctx);
    registerCallRoutes(authenticated, ctx);
  });
}

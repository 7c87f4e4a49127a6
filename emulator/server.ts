/**
 * The Fastify app: public /v1 routes behind auth, faults and the rate limiter; the control API
 * beside them; every error as `{ error, code }`.
 */
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { ASSUMED } from "../provider/client/assumed";
import { authenticate } from "./auth";
import { type EmulatorContext } from "./context";
import { CONTROL_PREFIX, registerControlRoutes } from "./controlRoutes";
import { ApiError, EMULATOR_CODES, validation } from "./errors";
import type { FaultSpec } from "./faults";
import { registerCallRoutes } from "./routes/calls";
import { registerNumberRoutes } from "./routes/numbers";

export interface ServerOptions {
  logger?: boolean;
  /** One line per public request ("GET /v1/numbers 200"), e.g. for the CLI. */
  onRequestLog?: (line: string) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function faultBody(f: FaultSpec, status: number): unknown {
  if (f.body !== undefined) return f.body;
  if (status === 429) return { error: "Too many requests", code: ASSUMED.errorCodes.rateLimited };
  return { error: `Injected fault (HTTP ${status})`, code: EMULATOR_CODES.injectedFault };
}

export function buildServer(ctx: EmulatorContext, opts: ServerOptions = {}): FastifyInstance {
  const app = Fastify({ logger: opts.logger ?? false, forceCloseConnections: true });
  app.decorateRequest("principal", null);
  app.decorateRequest("dropAfter", false);
  app.decorateRequest("latencyMs", 0);
  app.decorateRequest("persistFailed", false);
  // Like most JSON APIs, an empty body (e.g. a DELETE sent with a JSON content type) is no body.
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      done(validation("Body is not valid JSON"), undefined);
    }
  });

  app.addHook("onRequest", async (req, reply) => {
    const rawPath = req.url.split("?")[0] ?? req.url;
    if (rawPath.startsWith(CONTROL_PREFIX)) return;
    const route = req.routeOptions.url;
    ctx.counter.record(req.method, route ?? rawPath);

    const fault = ctx.faults.take(req.method, route, rawPath);
    if (fault) {
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
    }

    if (route === undefined) return; // unknown route: the not-found handler answers without auth
    const principal = authenticate(ctx.store, req.headers);
    ctx.counter.recordKey(principal.keyId);
    const wait = ctx.rateLimiter.take(principal.keyId);
    if (wait !== null) {
      throw new ApiError(429, ASSUMED.errorCodes.rateLimited, "Too many requests", {
        [ASSUMED.headers.retryAfter]: String(wait),
      });
    }
    req.principal = principal;
  });

  app.addHook("preHandler", async (req) => {
    if (req.latencyMs) await sleep(req.latencyMs);
  });

  app.addHook("onSend", async (req, _reply, payload) => {
    // With --data, a change is on disk before any answer about it leaves (public and control routes alike).
    if (ctx.persist && !req.persistFailed) {
      try {
        ctx.persist();
      } catch (e) {
        req.persistFailed = true;
        throw new ApiError(
          500,
          EMULATOR_CODES.persistFailed,
          `The change was applied but could not be saved to the data file: ${(e as Error).message}`,
        );
      }
    }
    // "drop after": the handler has done its work (and it is saved); the client never sees the answer.
    if (req.dropAfter) req.raw.socket.destroy();
    return payload;
  });

  if (opts.onRequestLog) {
    const log = opts.onRequestLog;
    app.addHook("onResponse", async (req, reply) => {
      if (!req.url.startsWith(CONTROL_PREFIX)) log(`${req.method} ${req.url} ${reply.statusCode}`);
    });
  }

  app.setErrorHandler((err: FastifyError | ApiError, _req, reply) => {
    if (err instanceof ApiError) {
      return reply.code(err.statusCode).headers(err.headers).send({ error: err.message, code: err.code });
    }
    const status = typeof err.statusCode === "number" ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Malformed JSON, wrong content type, oversized body: the service answers "Validation error".
      const code = status === 400 ? ASSUMED.errorCodes.validation : (err.code ?? ASSUMED.errorCodes.validation);
      return reply.code(status).send({ error: err.message, code });
    }
    app.log.error(err);
    return reply.code(500).send({ error: "Internal server error", code: EMULATOR_CODES.internal });
  });

  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: `Route ${req.method} ${req.url.split("?")[0]} not found`, code: EMULATOR_CODES.routeNotFound }),
  );

  registerNumberRoutes(app, ctx);
  registerCallRoutes(app, ctx);
  registerControlRoutes(app, ctx);
  return app;
}

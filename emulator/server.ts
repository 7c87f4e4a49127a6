/**
 * The Fastify app: two encapsulated plugins, each with its own hooks and not-found handler.
 *
 *   root          JSON body parser, error handler (`{ error, code }`), persistence before any answer (onSend)
 *   ├─ publicApi  request counter, faults (onRequest), latency (preHandler), request log; unknown paths
 *   │  └─ …       auth, rate limiter (onRequest); the /v1 routes
 *   └─ controlApi under CONTROL_PREFIX: no key, never counted, faulted, limited or logged
 */
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { ASSUMED } from "pulumi-pilotstatus/contract";
import type { EmulatorContext } from "./context";
import { CONTROL_PREFIX, controlApi } from "./controlRoutes";
import { ApiError, EMULATOR_CODES, validation } from "./errors";
import { publicApi } from "./publicApi";

export interface ServerOptions {
  logger?: boolean;
  /** One line per public request ("GET /v1/numbers 200"), e.g. for the CLI. */
  onRequestLog?: (line: string) => void;
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
    return payload;
  });

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

  // Each API's not-found handler and hooks are its own; only the persistence hook above reaches both.
  void app.register(publicApi, { ctx, ...(opts.onRequestLog ? { onRequestLog: opts.onRequestLog } : {}) });
  void app.register(controlApi, { ctx, prefix: CONTROL_PREFIX });
  return app;
}

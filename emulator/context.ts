import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import { issuePath } from "pulumi-pilotstatus/contract";
import type { Principal } from "./auth";
import { validation } from "./errors";
import type { FaultQueue } from "./faults";
import type { RateLimiter } from "./rateLimit";
import type { RequestCounter } from "./requestCounter";
import type { Store, TenantKeyConfig } from "./state";

/** Everything the routes share. */
export interface EmulatorContext {
  store: Store;
  faults: FaultQueue;
  rateLimiter: RateLimiter;
  counter: RequestCounter;
  tenantKeys: readonly TenantKeyConfig[];
  /**
   * Base of the links the API hands out (webhookUrl, remotePairingUrl): the configured public URL, else the
   * URL the server listens on (set once it listens). Never taken from a request's Host header.
   */
  publicUrl: string;
  /** With `--data`: saves the store if the request changed it; runs before each answer is sent. */
  persist?: () => void;
}

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
    dropAfter: boolean;
    /** Injected latency, served once the body has been read. */
    latencyMs: number;
    /** Saving this request's change failed; its error answer is sent without trying again. */
    persistFailed: boolean;
  }
}

/** The auth hook has run for every matched public route. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error("public route reached without a principal");
  return req.principal;
}

/** Parses a request body, turning the first zod issue into a 400 VALIDATION_ERROR. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body ?? {});
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issuePath(issue)}: ` : "";
    throw validation(`${where}${issue?.message ?? "invalid body"}`);
  }
  return r.data;
}

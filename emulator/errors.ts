import type { FastifyReply, FastifyRequest } from "fastify";
import { ASSUMED } from "pulumi-pilotstatus/contract";

/** Codes only the emulator emits (not part of the API contract, so not in assumed.ts). */
export const EMULATOR_CODES = {
  routeNotFound: "NOT_FOUND",
  injectedFault: "EMULATOR_FAULT",
  internal: "INTERNAL_ERROR",
  /** The change was made in memory but could not be written to the --data file. */
  persistFailed: "EMULATOR_PERSIST_FAILED",
} as const;

/** Thrown by handlers; the server's error handler turns it into `{ error, code }`. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const C = ASSUMED.errorCodes;
export const validation = (message: string): ApiError => new ApiError(400, C.validation, message);
export const numberNotFound = (): ApiError => new ApiError(404, C.numberNotFound, "Number not found");
export const duplicateNumber = (): ApiError => new ApiError(409, C.numberAlreadyExists, "Number already exists in this tenant");

/** Every scope's not-found handler: `{ error, code }` naming the method and the path without its query. */
export function routeNotFound(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(404).send({ error: `Route ${req.method} ${req.url.split("?")[0]} not found`, code: EMULATOR_CODES.routeNotFound });
}

// gRPC failures from a provider host, decoded the way the engine decodes them (rpcerror.Convert + status details).
import type * as grpc from "@grpc/grpc-js";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { ErrorResourceInitFailed } from "@pulumi/pulumi/proto/provider_pb";
import { fromStruct, type PropertyMap } from "./propertyValues";

const INIT_FAILED_TYPE = "pulumirpc.ErrorResourceInitFailed";

/** The resource exists but did not finish initializing (create/update threw an error carrying `id`). */
export interface ResourceInitFailure {
  readonly id: string;
  readonly properties: PropertyMap;
  readonly reasons: string[];
}

export class ProviderRpcError extends Error {
  constructor(
    readonly method: string,
    /** gRPC status code (2 = UNKNOWN for errors thrown by a dynamic provider). */
    readonly code: number,
    /** The host's message: for a dynamic provider, the thrown error's `message`. */
    readonly details: string,
    readonly initFailure: ResourceInitFailure | undefined,
  ) {
    super(details);
    this.name = "ProviderRpcError";
  }
}

function decodeInitFailure(metadata: grpc.Metadata | undefined): ResourceInitFailure | undefined {
  const raw = metadata?.get("grpc-status-details-bin")[0];
  if (!(raw instanceof Buffer)) return undefined;
  for (const any of Status.deserializeBinary(raw).getDetailsList()) {
    if (any.getTypeName() !== INIT_FAILED_TYPE) continue;
    const detail = any.unpack(ErrorResourceInitFailed.deserializeBinary, INIT_FAILED_TYPE);
    if (detail) {
      return { id: detail.getId(), properties: fromStruct(detail.getProperties()), reasons: detail.getReasonsList() };
    }
  }
  return undefined;
}

export function toProviderRpcError(method: string, err: grpc.ServiceError): ProviderRpcError {
  return new ProviderRpcError(method, err.code, err.details, decodeInitFailure(err.metadata));
}

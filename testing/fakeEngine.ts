// A stand-in for the Pulumi engine's Engine gRPC service: the address handed to a provider host as argv[0], and the
// sink for `pulumi.log.*` calls made inside a process whose PULUMI_NODEJS_ENGINE points at it.
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { EngineService, type IEngineServer } from "@pulumi/pulumi/proto/engine_grpc_pb";
import {
  GetRootResourceResponse,
  LogSeverity,
  RequirePulumiVersionResponse,
  SetRootResourceResponse,
} from "@pulumi/pulumi/proto/engine_pb";

export type Severity = "debug" | "info" | "warning" | "error";

export interface EngineLogMessage {
  readonly severity: Severity;
  readonly message: string;
  readonly urn: string;
}

export interface FakeEngine {
  /** host:port, the form the engine passes to plugins. */
  readonly address: string;
  readonly messages: readonly EngineLogMessage[];
  stop(): Promise<void>;
}

function severityName(s: LogSeverity): Severity {
  switch (s) {
    case LogSeverity.DEBUG:
      return "debug";
    case LogSeverity.WARNING:
      return "warning";
    case LogSeverity.ERROR:
      return "error";
    default:
      return "info";
  }
}

export async function startFakeEngine(onMessage?: (m: EngineLogMessage) => void): Promise<FakeEngine> {
  const messages: EngineLogMessage[] = [];
  let rootUrn = "";
  const impl: IEngineServer = {
    log(call, callback) {
      const m = {
        severity: severityName(call.request.getSeverity()),
        message: call.request.getMessage(),
        urn: call.request.getUrn(),
      };
      messages.push(m);
      onMessage?.(m);
      callback(null, new Empty());
    },
    getRootResource(_call, callback) {
      callback(null, new GetRootResourceResponse().setUrn(rootUrn));
    },
    setRootResource(call, callback) {
      rootUrn = call.request.getUrn();
      callback(null, new SetRootResourceResponse());
    },
    startDebugging(_call, callback) {
      callback(null, new Empty());
    },
    requirePulumiVersion(_call, callback) {
      callback(null, new RequirePulumiVersionResponse());
    },
  };
  const server = new grpc.Server();
  server.addService(EngineService, impl);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p)));
  });
  return {
    address: `127.0.0.1:${port}`,
    messages,
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
      }),
  };
}

/**
 * The provider plugin's face: Pulumi's ResourceProvider gRPC service over the same controllers the dynamic provider
 * uses (resources/*.controller.ts) and the same functions the data sources run (dataSources/functions.ts). This file
 * only speaks the wire: tokens to kinds, Structs to objects, secrets in and out, results to responses.
 * One process serves one provider instance (the engine starts one per default or explicit provider), so its
 * configuration is the process's.
 */
import * as grpc from "@grpc/grpc-js";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { PilotStatusError } from "../client/errors";
import type { ResourceController } from "../engine/controller";
import { PartialFailure } from "../engine/partialFailure";
import { propertiesWhere } from "../engine/propertyMeta";
import { RESOURCE_KINDS, RESOURCE_KIND_NAMES, type ResourceKind } from "../resources/kinds";
import type { FunctionName } from "../dataSources/functions";
import { packageVersion } from "../version";
import { checkProviderConfig } from "./providerConfig";
import { type Props, conceal, reveal, secretKeys } from "./secrets";
import { PLUGIN_PACKAGE, functionOfToken, kindOfUrn } from "./tokens";

type Callback<T> = (error: grpc.ServiceError | null, value?: T | null, trailer?: grpc.Metadata) => void;
type Call<Req> = { request: Req };

const toJs = (s: structproto.Struct | undefined): Props => (s ? (s.toJavaScript() as Props) : {});
const toStruct = (p: Props): structproto.Struct => structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(p)));

/** The plugin's dependencies: the controllers of each kind and the client factory's configure step. */
export interface PluginCore {
  controllers: Record<ResourceKind, ResourceController>;
  /** The schema.json text GetSchema answers. */
  schema(): string;
  /** Sets the process's default settings (what `configure()` of the dynamic face does with the stack config). */
  configure(config: Props): void;
  /** Runs one function with the process's client. */
  invoke(name: FunctionName, args: Props): Promise<Props>;
}

function failure(e: unknown): grpc.ServiceError {
  const message = e instanceof Error ? e.message : String(e);
  const metadata = new grpc.Metadata();
  if (e instanceof PartialFailure) {
    // The number exists but did not finish: the engine keeps it (id and outputs) in state.
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(e.id);
    detail.setProperties(toStruct(e.properties));
    detail.setReasonsList(e.reasons);
    const any = new anyproto.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return Object.assign(new Error(message), { code: grpc.status.UNKNOWN, details: message, metadata });
}

/**
 * Refresh and destroy run with the provider's settings the engine stored at the last `pulumi up` (the stack config
 * for the default provider, an explicit provider's inputs): a rejected key or an unreachable URL there is most
 * often a rotated key or a moved URL, as for the dynamic face (host.ts).
 */
function storedSettingsHint(e: unknown): never {
  if (PilotStatusError.isUnauthorized(e) || PilotStatusError.isUnreachable(e)) {
    e.message +=
      " Refresh and destroy use the provider's settings stored in the state at the last `pulumi up` (the stack " +
      "config for the default provider, the inputs of an explicit one), not the current ones: after changing them, " +
      "run `pulumi up` first (or `pulumi refresh --run-program`).";
  }
  throw e;
}

/** Runs a handler and answers with its value or its error. */
function answer<Req, Res>(handler: (req: Req) => Promise<Res> | Res): (call: Call<Req>, callback: Callback<Res>) => void {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(call.request))
      .then(
        (res) => callback(null, res),
        (e: unknown) => {
          const err = failure(e);
          callback(err, null, err.metadata);
        },
      );
  };
}

const unimplemented =
  (what: string) =>
  (_call: unknown, callback: Callback<never>): void =>
    callback(
      Object.assign(new Error(what), {
        code: grpc.status.UNIMPLEMENTED,
        details: `${what} is not implemented`,
        metadata: new grpc.Metadata(),
      }),
    );

/** The secret outputs each kind declares (schema meta `secret`). */
const SECRET_OUTPUTS = Object.fromEntries(
  RESOURCE_KIND_NAMES.map((k) => [
    k,
    [
      ...new Set([
        ...propertiesWhere(RESOURCE_KINDS[k].outputs.shape, (m) => m.secret),
        ...propertiesWhere(RESOURCE_KINDS[k].inputs.shape, (m) => m.secret),
      ]),
    ],
  ]),
) as Record<ResourceKind, string[]>;

export function resourceProviderService(core: PluginCore): grpc.UntypedServiceImplementation {
  const controllerOf = (urn: string): { kind: ResourceKind; controller: ResourceController } => {
    const kind = kindOfUrn(urn);
    return { kind, controller: core.controllers[kind] };
  };
  /** What a response carries: the values, with the secrets that came in and the kind's secret properties marked. */
  const marked = (kind: ResourceKind, values: Props, ...inputs: Props[]) =>
    conceal(values, new Set([...SECRET_OUTPUTS[kind], ...inputs.flatMap(secretKeys)]));

  return {
    getPluginInfo: answer(() => new plugproto.PluginInfo().setVersion(packageVersion())),
    getSchema: answer((req: provproto.GetSchemaRequest) => {
      // One package, no parameterized sub-packages.
      if (req.getSubpackageName()) throw new Error(`${PLUGIN_PACKAGE} has no sub-package ${req.getSubpackageName()}`);
      return new provproto.GetSchemaResponse().setSchema(core.schema());
    }),
    cancel: answer(() => new emptyproto.Empty()),
    handshake: unimplemented("Handshake"),
    parameterize: unimplemented("Parameterize"),
    attach: unimplemented("Attach"),
    construct: unimplemented("Construct"),
    call: unimplemented("Call"),
    getMapping: answer(() => new provproto.GetMappingResponse()),
    getMappings: answer(() => new provproto.GetMappingsResponse()),
    list: unimplemented("List"),

    checkConfig: answer((req: provproto.CheckRequest) => {
      const news = toJs(req.getNews());
      // A default provider's URN name is `default` or `default_<version>`; any other is an explicit provider.
      const explicit = !/^default(_|$)/.test(req.getUrn().split("::").pop() ?? "");
      const failures = checkProviderConfig(reveal(news) as Props, process.env, explicit);
      const resp = new provproto.CheckResponse().setInputs(toStruct(news));
      return resp.setFailuresList(failures.map((f) => new provproto.CheckFailure().setProperty(f.property).setReason(f.reason)));
    }),
    diffConfig: answer((req: provproto.DiffRequest) => {
      const olds = reveal(toJs(req.getOlds())) as Props;
      const news = reveal(toJs(req.getNews())) as Props;
      // A provider's settings change in place: the numbers stay where they are, the next operation uses the new ones.
      const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(
        (k) => k !== "version" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]),
      );
      const resp = new provproto.DiffResponse().setChanges(
        keys.length > 0 ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE,
      );
      return resp.setDiffsList(keys);
    }),
    configure: answer((req: provproto.ConfigureRequest) => {
      core.configure(reveal(toJs(req.getArgs())) as Props);
      return new provproto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(false).setAcceptresources(false);
    }),

    check: answer(async (req: provproto.CheckRequest) => {
      const { kind, controller } = controllerOf(req.getUrn());
      const news = toJs(req.getNews());
      const result = await controller.check(reveal(toJs(req.getOlds())) as Props, reveal(news) as Props);
      const resp = new provproto.CheckResponse().setInputs(toStruct(marked(kind, result.inputs, news)));
      return resp.setFailuresList(result.failures.map((f) => new provproto.CheckFailure().setProperty(f.property).setReason(f.reason)));
    }),
    diff: answer(async (req: provproto.DiffRequest) => {
      const { controller } = controllerOf(req.getUrn());
      const olds = reveal(toJs(req.getOlds())) as Props;
      const news = reveal(toJs(req.getNews())) as Props;
      const d = await controller.diff(req.getId(), olds, news);
      const resp = new provproto.DiffResponse()
        .setChanges(d.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE)
        .setReplacesList(d.replaces)
        .setDeletebeforereplace(d.deleteBeforeReplace)
        .setDiffsList(d.diffs)
        .setHasdetaileddiff(true);
      const detailed = resp.getDetaileddiffMap();
      for (const key of d.diffs) {
        const change = olds[key] === undefined ? "ADD" : news[key] === undefined ? "DELETE" : "UPDATE";
        const name: keyof typeof provproto.PropertyDiff.Kind = d.replaces.includes(key) ? `${change}_REPLACE` : change;
        const kind = provproto.PropertyDiff.Kind[name];
        detailed.set(key, new provproto.PropertyDiff().setKind(kind).setInputdiff(true));
      }
      return resp;
    }),
    create: answer(async (req: provproto.CreateRequest) => {
      const { kind, controller } = controllerOf(req.getUrn());
      const inputs = toJs(req.getProperties());
      try {
        const { id, outs } = await controller.create(reveal(inputs) as Props);
        return new provproto.CreateResponse().setId(id).setProperties(toStruct(marked(kind, outs, inputs)));
      } catch (e) {
        throw e instanceof PartialFailure ? new PartialFailure(e.id, marked(kind, e.properties, inputs), e.message) : e;
      }
    }),
    read: answer(async (req: provproto.ReadRequest) => {
      const { kind, controller } = controllerOf(req.getUrn());
      const props = toJs(req.getProperties());
      const inputs = toJs(req.getInputs());
      const r = await controller.read(req.getId(), reveal({ ...inputs, ...props }) as Props).catch(storedSettingsHint);
      const resp = new provproto.ReadResponse().setId(r.id).setProperties(toStruct(marked(kind, r.props, props, inputs)));
      if (r.inputs !== undefined) resp.setInputs(toStruct(marked(kind, r.inputs, inputs, props)));
      return resp;
    }),
    update: answer(async (req: provproto.UpdateRequest) => {
      const { kind, controller } = controllerOf(req.getUrn());
      const news = toJs(req.getNews());
      const olds = toJs(req.getOlds());
      try {
        const { outs } = await controller.update(req.getId(), reveal(olds) as Props, reveal(news) as Props);
        return new provproto.UpdateResponse().setProperties(toStruct(marked(kind, outs, news, olds)));
      } catch (e) {
        throw e instanceof PartialFailure ? new PartialFailure(e.id, marked(kind, e.properties, news, olds), e.message) : e;
      }
    }),
    delete: answer(async (req: provproto.DeleteRequest) => {
      const { controller } = controllerOf(req.getUrn());
      await controller.delete(req.getId(), reveal(toJs(req.getProperties())) as Props).catch(storedSettingsHint);
      return new emptyproto.Empty();
    }),
    invoke: answer(async (req: provproto.InvokeRequest) => {
      const name = functionOfToken(req.getTok());
      const args = toJs(req.getArgs());
      const result = await core.invoke(name, reveal(args) as Props);
      // A secret argument (a number-scoped key) makes the result secret, as the program-side functions do.
      const returned = secretKeys(args).length > 0 ? conceal(result, Object.keys(result)) : result;
      return new provproto.InvokeResponse().setReturn(toStruct(returned));
    }),
  };
}

/** Serves the plugin on a free loopback port and prints the port: what the engine reads to connect. */
export async function servePlugin(core: PluginCore): Promise<grpc.Server> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, resourceProviderService(core));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  process.stdout.write(`${port}\n`);
  return server;
}

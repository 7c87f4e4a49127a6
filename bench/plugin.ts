/** Lifecycles through the provider plugin as the engine runs it: its bin in its own process, spoken to over gRPC. */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { packageRoot } from "../provider/packageRoot";

type Props = Record<string, unknown>;
const struct = (p: Props) => structproto.Struct.fromJavaScript(p as Record<string, structproto.JavaScriptValue>);
const URN = (i: number) => `urn:pulumi:bench::bench::pilotstatus:index:WhatsAppNumber::n${i}`;

/** `count` check+create+read+delete lifecycles through the plugin against `baseUrl`; each one's milliseconds. */
export async function pluginLifecycles(baseUrl: string, apiKey: string, count: number): Promise<number[]> {
  const bin = path.join(packageRoot(), "plugin", "pulumi-resource-pilotstatus");
  const child = spawn(bin, ["127.0.0.1:0"], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, PILOT_STATUS_API_KEY: "" } });
  try {
    // The plugin's first line is its port, as the engine reads it.
    const port = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`the plugin exited (${code}) before printing its port`)));
    });
    const client = new ResourceProviderClient(`127.0.0.1:${port.trim()}`, grpc.credentials.createInsecure());
    const call = <Req, Res>(method: string, req: Req) =>
      new Promise<Res>((resolve, reject) => {
        const fn = (client as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, v: Res) => void) => void>)[method]!;
        fn.call(client, req, (e, v) => (e ? reject(e) : resolve(v)));
      });
    try {
      await call("configure", new provproto.ConfigureRequest().setArgs(struct({ apiKey, baseUrl })));
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const t = performance.now();
        const checked = await call<provproto.CheckRequest, provproto.CheckResponse>(
          "check",
          new provproto.CheckRequest()
            .setUrn(URN(i))
            .setOlds(struct({}))
            .setNews(struct({ name: `Plugin ${i}`, number: `+55117${String(i).padStart(8, "0")}` })),
        );
        const inputs = checked.getInputs()!;
        const created = await call<provproto.CreateRequest, provproto.CreateResponse>(
          "create",
          new provproto.CreateRequest().setUrn(URN(i)).setProperties(inputs),
        );
        await call(
          "read",
          new provproto.ReadRequest().setId(created.getId()).setUrn(URN(i)).setProperties(created.getProperties()!).setInputs(inputs),
        );
        await call("delete", new provproto.DeleteRequest().setId(created.getId()).setUrn(URN(i)).setProperties(created.getProperties()!));
        times.push(performance.now() - t);
      }
      return times;
    } finally {
      client.close();
    }
  } finally {
    child.kill("SIGTERM");
  }
}

// The plugin's gRPC service in-process: the real controllers and functions (core.ts, as main.ts serves them) on a server of
// this file's own, against the in-process emulator, called through Pulumi's generated ResourceProvider client.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient, ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../packageRoot";
import { configureHost } from "../resources/hostClient";
import { useEmulator } from "../../test/support/emulator";
import { useEnv } from "../../test/support/env";
import { pluginCore } from "./core";
import { resourceProviderService } from "./server";

const emu = useEmulator();
// The service reads process.env (CheckConfig, the clients): no key or URL from the machine running the tests.
useEnv(() => ({ PILOT_STATUS_API_KEY: undefined, PILOT_STATUS_BASE_URL: undefined, PILOT_STATUS_REQUEST_TIMEOUT_SECONDS: undefined }));

const SCHEMA = readFileSync(join(packageRoot(), "schema.json"), "utf8");
const WA = "urn:pulumi:dev::proj::pilotstatus:index:WhatsAppNumber::support";
const PROVIDER = "urn:pulumi:dev::proj::pulumi:providers:pilotstatus::default";
const EXPLICIT = "urn:pulumi:dev::proj::pulumi:providers:pilotstatus::acme";

const core = pluginCore();

let server: grpc.Server;
let client: ResourceProviderClient;

beforeAll(async () => {
  server = new grpc.Server();
  server.addService(ResourceProviderService, resourceProviderService(core));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});
afterAll(async () => {
  client?.close();
  configureHost(undefined);
  await new Promise<void>((resolve) => (server ? server.tryShutdown(() => resolve()) : resolve()));
});

type Props = Record<string, unknown>;
const struct = (p: Props) => structproto.Struct.fromJavaScript(p as Record<string, structproto.JavaScriptValue>);
const js = (s: structproto.Struct | undefined): Props => (s ? (s.toJavaScript() as Props) : {});
const wrapped = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });
const isWrapped = (v: unknown) => typeof v === "object" && v !== null && (v as Props)[specialSigKey] === specialSecretSig;
const plain = (p: Props): Props => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, isWrapped(v) ? (v as Props).value : v]));

/** One unary call, as a promise. */
function rpc<Req, Res>(method: string, req: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, v: Res) => void) => void>)[method]!;
    fn.call(client, req, (e, v) => (e ? reject(e) : resolve(v)));
  });
}

const checkReq = (urn: string, news: Props, olds: Props = {}) =>
  new provproto.CheckRequest().setUrn(urn).setNews(struct(news)).setOlds(struct(olds));
const failuresOf = (r: provproto.CheckResponse) => r.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() }));

async function configure(args: Props = { apiKey: wrapped(emu.tenantKey), baseUrl: emu.url }): Promise<provproto.ConfigureResponse> {
  return rpc("configure", new provproto.ConfigureRequest().setArgs(struct(args)));
}
async function check(news: Props, olds: Props = {}, urn = WA) {
  const r = await rpc<provproto.CheckRequest, provproto.CheckResponse>("check", checkReq(urn, news, olds));
  return { inputs: js(r.getInputs()), failures: failuresOf(r) };
}
async function create(inputs: Props, urn = WA) {
  const r = await rpc<provproto.CreateRequest, provproto.CreateResponse>(
    "create",
    new provproto.CreateRequest().setUrn(urn).setProperties(struct(inputs)),
  );
  return { id: r.getId(), properties: js(r.getProperties()) };
}
async function read(id: string, properties: Props, inputs: Props, urn = WA) {
  const r = await rpc<provproto.ReadRequest, provproto.ReadResponse>(
    "read",
    new provproto.ReadRequest().setId(id).setUrn(urn).setProperties(struct(properties)).setInputs(struct(inputs)),
  );
  return { id: r.getId(), properties: js(r.getProperties()), inputs: r.hasInputs() ? js(r.getInputs()) : undefined };
}
async function requestTotal(): Promise<number> {
  return (await emu.control.requests()).total;
}
const numbersInTenant = async () => (await emu.control.state()).tenants.default?.numbers ?? [];

describe("the plugin's ResourceProvider service", () => {
  it("GetSchema answers schema.json's text", async () => {
    const r = await rpc<provproto.GetSchemaRequest, provproto.GetSchemaResponse>("getSchema", new provproto.GetSchemaRequest());
    expect(r.getSchema()).toBe(SCHEMA);
    expect(JSON.parse(r.getSchema()).name).toBe("pilotstatus");
  });

  it("CheckConfig refuses a missing key (default and explicit provider) and accepts a secret key, keeping it secret", async () => {
    const missing = await rpc<provproto.CheckRequest, provproto.CheckResponse>("checkConfig", checkReq(PROVIDER, { version: "0.1.0" }));
    expect(failuresOf(missing)).toEqual([
      { property: "apiKey", reason: expect.stringContaining("pulumi config set --secret pilotstatus:apiKey") },
    ]);
    const explicit = await rpc<provproto.CheckRequest, provproto.CheckResponse>("checkConfig", checkReq(EXPLICIT, { baseUrl: emu.url }));
    expect(failuresOf(explicit)).toEqual([{ property: "apiKey", reason: expect.stringContaining("set its apiKey input") }]);

    const ok = await rpc<provproto.CheckRequest, provproto.CheckResponse>(
      "checkConfig",
      checkReq(EXPLICIT, { apiKey: wrapped("ps_secret_value_123"), baseUrl: emu.url }),
    );
    expect(failuresOf(ok)).toEqual([]);
    expect(js(ok.getInputs()).apiKey).toEqual(wrapped("ps_secret_value_123"));
    const bad = await rpc<provproto.CheckRequest, provproto.CheckResponse>(
      "checkConfig",
      checkReq(PROVIDER, { apiKey: wrapped("ps_secret_value_123"), baseUrl: wrapped("ps_secret_value_123") }),
    );
    expect(failuresOf(bad).map((f) => f.property)).toEqual(["baseUrl"]);
    expect(JSON.stringify(failuresOf(bad))).not.toContain("ps_secret_value_123");
    expect(await requestTotal()).toBe(0);
  });

  it("Configure accepts secrets; Check of bad inputs fails with no request to the service", async () => {
    const conf = await configure();
    expect(conf.getAcceptsecrets()).toBe(true);
    expect(conf.getSupportspreview()).toBe(false);
    const { failures } = await check({ name: "", number: "12", pairingMethod: "carrier-pigeon", bogus: true });
    expect(failures.map((f) => f.property).sort()).toEqual(expect.arrayContaining(["number", "pairingMethod"]));
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(await requestTotal()).toBe(0);
    expect(await numbersInTenant()).toEqual([]);
  });

  it("Create returns the id and marks pairingCode (a secret output) secret; Read of a deleted id is empty", async () => {
    await configure();
    const { inputs, failures } = await check({ name: "Support", number: "+55 11 99999-0001" });
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ name: "Support", number: "+5511999990001", pairingMethod: "code", waitUntilConnected: false });
    expect(await requestTotal()).toBe(0);

    const created = await create(inputs);
    const [live] = await numbersInTenant();
    expect(created.id).toBe(live!.id);
    expect(created.properties).toMatchObject({ numberId: live!.id, name: "Support", number: "+5511999990001", state: "CONNECTING" });
    expect(isWrapped(created.properties.pairingCode)).toBe(true);
    expect((created.properties.pairingCode as Props).value).toMatch(/^[A-Z0-9-]{6,}$/);
    expect(isWrapped(created.properties.qrcodeBase64)).toBe(true);
    expect(isWrapped(created.properties.name)).toBe(false);
    expect(JSON.stringify(created.properties)).not.toContain(emu.tenantKey);

    await emu.control.deleteNumber(created.id);
    const gone = await read(created.id, plain(created.properties), inputs);
    expect(gone.id).toBe("");
  });

  it("a secret input stays secret in what Check and Create answer", async () => {
    await configure();
    const { inputs } = await check({ name: "Support", number: wrapped("+5511999990001") });
    expect(inputs.number).toEqual(wrapped("+5511999990001"));
    const created = await create(inputs);
    expect(created.properties.number).toEqual(wrapped("+5511999990001"));
  });

  it("Diff gives a detailed diff: UPDATE and UPDATE_REPLACE, the replaces, deleteBeforeReplace", async () => {
    await configure();
    const { inputs } = await check({ name: "Support", number: "+5511999990001" });
    const created = await create(inputs);
    await emu.control.resetRequests();
    const diff = async (news: Props) => {
      const r = await rpc<provproto.DiffRequest, provproto.DiffResponse>(
        "diff",
        new provproto.DiffRequest().setId(created.id).setUrn(WA).setOlds(struct(created.properties)).setNews(struct(news)),
      );
      const detailed: Record<string, number> = {};
      r.getDetaileddiffMap().forEach((v, k) => {
        detailed[k] = v.getKind();
        expect(v.getInputdiff()).toBe(true);
      });
      return {
        changes: r.getChanges(),
        replaces: r.getReplacesList(),
        deleteBeforeReplace: r.getDeletebeforereplace(),
        diffs: r.getDiffsList(),
        hasDetailedDiff: r.getHasdetaileddiff(),
        detailed,
      };
    };
    const { DiffChanges } = provproto.DiffResponse;
    const K = provproto.PropertyDiff.Kind;

    expect(await diff(inputs)).toEqual({
      changes: DiffChanges.DIFF_NONE,
      replaces: [],
      deleteBeforeReplace: false,
      diffs: [],
      hasDetailedDiff: true,
      detailed: {},
    });
    const renamed = await diff({ ...inputs, name: "Help desk", waitUntilConnected: true });
    expect(renamed).toMatchObject({ changes: DiffChanges.DIFF_SOME, replaces: ["name"], deleteBeforeReplace: true, hasDetailedDiff: true });
    expect(renamed.detailed).toEqual({ name: K.UPDATE_REPLACE, waitUntilConnected: K.UPDATE });
    expect(renamed.diffs.sort()).toEqual(["name", "waitUntilConnected"]);
    const moved = await diff({ ...inputs, number: "+5511999990002" });
    expect(moved).toMatchObject({ replaces: ["number"], deleteBeforeReplace: false });
    expect(moved.detailed).toEqual({ number: K.UPDATE_REPLACE });
    const added = await diff({ ...inputs, renewPairingCodes: "2024-01-01" });
    expect(added).toMatchObject({ changes: DiffChanges.DIFF_SOME, replaces: [], deleteBeforeReplace: false });
    expect(added.detailed).toEqual({ renewPairingCodes: K.ADD });
    expect(await requestTotal()).toBe(0);
  });

  it("Read with empty properties (import): inputs without the defaulted fields, outputs with them", async () => {
    await configure();
    const sales = await emu.control.createNumber({ name: "Acme sales", number: "+5511900000102" });
    const imported = await read(sales.id, {}, {});
    expect(imported.id).toBe(sales.id);
    expect(imported.inputs).toEqual({ name: "Acme sales", number: "+5511900000102" });
    expect(imported.properties).toMatchObject({
      numberId: sales.id,
      name: "Acme sales",
      number: "+5511900000102",
      pairingMethod: "code",
      waitUntilConnected: false,
      waitTimeoutSeconds: 600,
      allowReplacement: false,
      adoptExisting: false,
    });
    // The inputs then check clean and diff as no change against the outputs.
    const { inputs, failures } = await check(imported.inputs!);
    expect(failures).toEqual([]);
    const r = await rpc<provproto.DiffRequest, provproto.DiffResponse>(
      "diff",
      new provproto.DiffRequest().setId(sales.id).setUrn(WA).setOlds(struct(imported.properties)).setNews(struct(inputs)),
    );
    expect(r.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_NONE);
  });

  it("Invoke of getNumbers returns the tenant's numbers", async () => {
    await configure();
    const a = await emu.control.createNumber({ name: "One", number: "+5511900000001" });
    const b = await emu.control.createNumber({ name: "Two", number: "+5511900000002" });
    const r = await rpc<provproto.InvokeRequest, provproto.InvokeResponse>(
      "invoke",
      new provproto.InvokeRequest().setTok("pilotstatus:index:getNumbers").setArgs(struct({})),
    );
    expect(r.getFailuresList()).toEqual([]);
    const { numbers } = js(r.getReturn()) as { numbers: { numberId: string; name: string }[] };
    expect(numbers.map((n) => [n.numberId, n.name]).sort()).toEqual(
      [
        [a.id, "One"],
        [b.id, "Two"],
      ].sort(),
    );
  });

  it("a read or delete the service refuses (a rotated key) says they run with the settings stored at the last up", async () => {
    await configure();
    const { inputs } = await check({ name: "Rotated", number: "+5511900000871" });
    const created = await create(inputs);
    await configure({ apiKey: wrapped("ps_rotated_away_key_0000"), baseUrl: emu.url });
    const stored = /stored in the state at the last `pulumi up`.*inputs of an explicit one/;
    await expect(read(created.id, created.properties, inputs)).rejects.toMatchObject({ details: expect.stringMatching(stored) });
    await expect(
      rpc("delete", new provproto.DeleteRequest().setId(created.id).setUrn(WA).setProperties(struct(created.properties))),
    ).rejects.toMatchObject({ details: expect.stringMatching(stored) });
    expect((await numbersInTenant()).map((n) => n.id)).toContain(created.id);
  });

  it("an unknown resource type or function fails, naming the ones it has", async () => {
    await configure();
    await expect(check({ name: "x" }, {}, "urn:pulumi:dev::proj::pilotstatus:index:Nope::x")).rejects.toMatchObject({
      details: expect.stringMatching(
        /pilotstatus has no resource type "pilotstatus:index:Nope"; it has .*pilotstatus:index:WhatsAppNumber.*pilotstatus:index:MetaNumber/,
      ),
    });
    await expect(
      rpc("invoke", new provproto.InvokeRequest().setTok("pilotstatus:index:getNope").setArgs(struct({}))),
    ).rejects.toMatchObject({
      code: grpc.status.UNKNOWN,
      details: expect.stringMatching(/no function "pilotstatus:index:getNope"; it has .*pilotstatus:index:getNumbers/),
    });
    expect(await requestTotal()).toBe(0);
  });
});

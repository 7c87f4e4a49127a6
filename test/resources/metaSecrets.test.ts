// Through the real provider host: the Meta access token and app secret never appear in an error, a partial
// failure, a plain output or a host log line, even when the API echoes them back; a secret pasted into the wrong
// setting (baseUrl, requestTimeoutSeconds; stack config or environment) is never echoed.
import { describe, expect, it } from "vitest";
import type { ProviderRpcError } from "../../testing/providerRpcError";
import { providerHost, repoRoot } from "../support/compiled";
import { takeRequests, typeOf, useRig } from "./hostRig";

const META = typeOf("MetaNumber");
const QR = typeOf("WhatsAppNumber");
const TOKEN = "EAAGm0PX4ZCpsBAKZC-echoed-token-7c2e";
const APP_SECRET = "echoed-app-secret-5d19";
const rig = useRig();

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e as ProviderRpcError,
  );
// The two properties that hold them as secret outputs (encrypted in state) are blanked before a scan.
const SECRET_SLOTS = new Set(["accessToken", "appSecret"]);
const scan = (value: unknown) => JSON.stringify(value, (k, v: unknown) => (SECRET_SLOTS.has(k) ? "[secret output]" : v));
const clean = (text: string) => {
  for (const s of [TOKEN, APP_SECRET]) expect(text).not.toContain(s);
};

async function checkedMeta(name: string, number: string) {
  const urn = rig.host.urn(META, name);
  const news = { name: "Meta", number, metaPhoneId: "1", wabaId: "2", accessToken: TOKEN, appSecret: APP_SECRET };
  const res = await rig.host.check(urn, {}, { ...news, __provider: rig.provider.MetaNumber });
  expect(res.failures).toEqual([]);
  return { urn, inputs: res.inputs };
}

describe("Meta secrets echoed by the API", () => {
  it("an error body echoing the token and app secret: redacted in the error and the host log", async () => {
    await rig.emu.control.fault({
      method: "POST",
      path: "/v1/numbers/meta",
      count: 1,
      status: 400,
      body: { error: `Meta rejected metaAccessToken ${TOKEN} (app secret ${APP_SECRET})`, code: TOKEN },
    });
    const { urn, inputs } = await checkedMeta("m400", "+5511988880001");
    const failure = await failureOf(rig.host.create(urn, inputs));
    expect(failure.message).toMatch(/Bad request on POST \/v1\/numbers\/meta \(400\).*metaAccessToken \[redacted\]/);
    clean(failure.message);
    clean(scan(failure));
    clean(rig.host.logText());
  });

  it("a 500 echoing the token (unknown outcome, then recovery): redacted in the recovery's message", async () => {
    await rig.emu.control.fault({ method: "POST", path: "/v1/numbers/meta", count: 1, status: 500, body: { error: `boom ${TOKEN}` } });
    const { urn, inputs } = await checkedMeta("m500", "+5511988880002");
    const failure = await failureOf(rig.host.create(urn, inputs));
    expect(failure.message).toMatch(/did not complete .*boom \[redacted\]/);
    clean(failure.message);
    clean(rig.host.logText());
  });

  it("a create response and a read-back echoing them: kept out of every plain output", async () => {
    const seeded = await rig.emu.control.createNumber({ name: "Meta", number: "+5511988880003", provider: "META", state: "OPEN" });
    await rig.emu.control.fault({
      method: "POST",
      path: "/v1/numbers/meta",
      count: 1,
      status: 201,
      body: {
        instance: { id: seeded.id, number: "5511988880003", name: "Meta", provider: "META" },
        webhookUrl: `https://hooks.example/meta?access_token=${TOKEN}`,
        verifyToken: "vt-1",
      },
    });
    const detail = { ...seeded, meta: { fetchedAt: null, waba: { id: "2", note: `token ${TOKEN}, secret ${APP_SECRET}` } } };
    await rig.emu.control.fault({ method: "GET", path: "/v1/numbers/:id", count: 1, status: 200, body: detail });
    const { urn, inputs } = await checkedMeta("m201", "+5511988880003");
    const created = await rig.host.create(urn, inputs);
    expect(created.id).toBe(seeded.id);
    expect(created.properties.webhookUrl).toBe("https://hooks.example/meta?access_token=[redacted]");
    clean(scan(created.properties));
    clean(rig.host.logText());
  });

  it("a read-back that fails echoing the token: a partial failure whose reason and properties are clean", async () => {
    const seeded = await rig.emu.control.createNumber({ name: "Meta", number: "+5511988880004", provider: "META", state: "OPEN" });
    await rig.emu.control.fault({
      method: "POST",
      path: "/v1/numbers/meta",
      count: 1,
      status: 201,
      body: { instance: { id: seeded.id, number: "5511988880004", name: "Meta" }, webhookUrl: `https://h/${TOKEN}`, verifyToken: "vt" },
    });
    await rig.emu.control.fault({ method: "GET", path: "/v1/numbers/:id", count: 1, status: 400, body: { error: `bad ${APP_SECRET}` } });
    const { urn, inputs } = await checkedMeta("mpartial", "+5511988880004");
    const failure = await failureOf(rig.host.create(urn, inputs));
    expect(failure.initFailure?.id).toBe(seeded.id);
    clean(failure.message);
    clean(failure.initFailure!.reasons.join("\n"));
    clean(scan(failure.initFailure!.properties));
    clean(rig.host.logText());
  });

  it("a refresh whose GET error echoes the token: redacted (the GET does not carry it, the resource knows it)", async () => {
    const { urn, inputs } = await checkedMeta("mread", "+5511988880005");
    const created = await rig.host.create(urn, inputs);
    await rig.emu.control.fault({ method: "GET", path: "/v1/numbers/:id", count: 1, status: 400, body: { error: `stale token ${TOKEN}` } });
    const failure = await failureOf(rig.host.read(created.id, urn, created.properties, inputs));
    expect(failure.message).toContain("stale token [redacted]");
    clean(rig.host.logText());
  });
});

describe("a secret pasted into the wrong setting", () => {
  it("baseUrl or requestTimeoutSeconds, in stack config or the environment: never echoed, 0 requests", async () => {
    const SECRET = "ps_live_4b1d0c3e9f8a7b6c5d4e3f2a1b0c9d8e";
    const key = { "pilotstatus:apiKey": rig.emu.tenantKey };
    const emuUrl = { "pilotstatus:baseUrl": rig.emu.url };
    // A host configures its provider once, so one host per case.
    const cases: { env: Record<string, string>; config: Record<string, string>; expected: RegExp }[] = [
      {
        env: { PILOT_STATUS_REQUEST_TIMEOUT_SECONDS: SECRET },
        config: { ...key, ...emuUrl },
        expected:
          /environment variable PILOT_STATUS_REQUEST_TIMEOUT_SECONDS must be a positive number of seconds.*looks like a Pilot Status API key/,
      },
      {
        env: { PILOT_STATUS_BASE_URL: SECRET },
        config: key,
        expected: /baseUrl .*is not a valid URL: it looks like a Pilot Status API key/,
      },
      { env: {}, config: { ...key, "pilotstatus:baseUrl": SECRET }, expected: /baseUrl .*is not a valid URL/ },
      { env: {}, config: { ...key, "pilotstatus:baseUrl": `${SECRET}:x` }, expected: /baseUrl .*is not a valid URL/ },
      {
        env: {},
        config: { ...key, ...emuUrl, "pilotstatus:requestTimeoutSeconds": SECRET },
        expected: /stack config pilotstatus:requestTimeoutSeconds must be a positive/,
      },
      {
        env: {},
        config: { ...key, ...emuUrl, "pilotstatus:requestTimeoutSeconds": `30${SECRET.slice(3)}` },
        expected: /requestTimeoutSeconds must be a positive.*not a number; it is not shown/,
      },
      { env: {}, config: { ...key, "pilotstatus:baseUrl": `https://example.com/?k=${SECRET}` }, expected: /query or fragment/ },
      { env: {}, config: { ...key, "pilotstatus:baseUrl": `http://${SECRET.replace(/_/g, "-")}.example.com` }, expected: /clear text/ },
    ];
    await takeRequests(rig.emu);
    await Promise.all(
      cases.map(async ({ env, config, expected }) => {
        const host = await providerHost.startProviderHost({
          cwd: repoRoot,
          project: "numbers",
          env: { PILOT_STATUS_API_KEY: "", PILOT_STATUS_BASE_URL: "", PILOT_STATUS_REQUEST_TIMEOUT_SECONDS: "", ...env },
        });
        try {
          await host.configure(config, { secretKeys: ["pilotstatus:apiKey"] });
          const urn = host.urn(QR, "wrong");
          const { inputs } = await host.check(urn, {}, { name: "W", number: "+5511988880020", __provider: rig.provider.WhatsAppNumber });
          const failure = await failureOf(host.create(urn, inputs));
          expect(failure.message).toMatch(expected);
          for (const text of [failure.message, host.logText()]) {
            expect(text).not.toContain(SECRET.slice(8, 24));
          }
        } finally {
          await host.stop();
        }
      }),
    );
    expect(await takeRequests(rig.emu)).toEqual({});
  });
});

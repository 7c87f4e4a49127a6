// examples/meta-number: a MetaNumber whose access token comes from secret config.
import { describe, expect, it } from "vitest";
import { useEmulator } from "../support/emulator";
import { values } from "../support/compiled";
import { runExample, useExample } from "./exampleRig";

const ACCESS_TOKEN = "EAAG-example-token-5f1c9a";
const APP_SECRET = "app-secret-77d0e2";

const emu = useEmulator({ reset: false });
const rig = useExample("meta-number");

describe("examples/meta-number", () => {
  it("registers the number and exports the webhook URL and the verify token as a secret, never the token", async () => {
    const p = rig.example.project;
    const result = await runExample(rig.example, rig.host, {
      "pilotstatus:apiKey": values.secret(emu.tenantKey),
      "pilotstatus:baseUrl": emu.url,
      [`${p}:name`]: "Official",
      [`${p}:number`]: "+5511900000201",
      [`${p}:metaPhoneId`]: "109876543210987",
      [`${p}:wabaId`]: "102030405060708",
      [`${p}:metaAccessToken`]: values.secret(ACCESS_TOKEN),
      [`${p}:metaAppSecret`]: values.secret(APP_SECRET),
    });

    const [live, ...others] = (await emu.control.state()).tenants.default?.numbers ?? [];
    expect(others).toEqual([]);
    expect(live).toMatchObject({ name: "Official", number: "+5511900000201", provider: "META" });
    expect(result.outputs).toMatchObject({ numberId: live!.id, state: live!.state, health: live!.health });
    // The URL the service answered the create with, for the number it created.
    expect(result.outputs.webhookUrl).toEqual(expect.stringContaining(live!.id));
    expect(result.outputs.webhookUrl).toEqual(expect.stringMatching(/^https?:\/\//));
    expect(result.outputs.verifyToken).toEqual(expect.stringMatching(/\S/));
    expect(result.secretOutputs).toEqual(["verifyToken"]);

    const [resource] = result.resources;
    expect(resource?.secretInputs).toEqual(expect.arrayContaining(["accessToken", "appSecret"]));
    // In state the token and app secret are kept only as secret outputs (refresh gives them back as inputs).
    expect(resource?.secretOutputs).toEqual(expect.arrayContaining(["accessToken", "appSecret"]));
    const { accessToken: _t, appSecret: _s, ...otherOutputs } = resource?.outputs ?? {};
    const everything = JSON.stringify({ outputs: result.outputs, stateOutputs: otherOutputs, logs: rig.host.logText() });
    expect(everything).not.toContain(ACCESS_TOKEN);
    expect(everything).not.toContain(APP_SECRET);
  });
});

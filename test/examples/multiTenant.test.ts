// examples/multi-tenant: two tenants in one program, each number naming its Account; keys only in secret config.
import { describe, expect, it } from "vitest";
import { useEmulator } from "../support/emulator";
import { values } from "../support/compiled";
import { runExample, useExample } from "./exampleRig";

const emu = useEmulator({ reset: false });
const rig = useExample("multi-tenant");

describe("examples/multi-tenant", () => {
  it("creates each tenant's numbers with that tenant's key and reads each tenant with its account", async () => {
    await emu.control.createNumber({ tenant: "other", name: "Made in the dashboard", number: "+5521900000399" });
    const tenants = {
      acme: [
        { name: "Acme support", number: "+55 11 90000-0201" },
        { name: "Acme sales", number: "+55 11 90000-0202" },
      ],
      globex: [{ name: "Globex support", number: "+55 21 90000-0301" }],
    };
    const result = await runExample(rig.example, rig.host, {
      "pilotstatus:baseUrl": emu.url,
      "pilotstatus:accounts": values.secret(JSON.stringify({ acme: { apiKey: emu.tenantKey }, globex: { apiKey: emu.otherTenantKey } })),
      [`${rig.example.project}:tenants`]: JSON.stringify(tenants),
    });

    const names = async (t: "default" | "other") => ((await emu.control.state()).tenants[t]?.numbers ?? []).map((n) => n.name).sort();
    expect(await names("default")).toEqual(["Acme sales", "Acme support"]);
    expect(await names("other")).toEqual(["Globex support", "Made in the dashboard"]);
    expect(result.outputs.acme).toEqual({
      states: { "+55 11 90000-0201": "CONNECTING", "+55 11 90000-0202": "CONNECTING" },
      undeclared: [],
    });
    expect(result.outputs.globex).toEqual({ states: { "+55 21 90000-0301": "CONNECTING" }, undeclared: ["+5521900000399"] });
    // Only the account's name is stored with each number; no key anywhere in what the engine would record.
    const stored = JSON.stringify(result.resources);
    expect(result.resources.map((r) => r.outputs?.account).sort()).toEqual(["acme", "acme", "globex"]);
    for (const key of [emu.tenantKey, emu.otherTenantKey]) expect(stored).not.toContain(key);
  });

  it("a tenant without a key in the stack config fails where its Account is made, naming how to set it", async () => {
    await expect(
      runExample(rig.example, rig.host, {
        "pilotstatus:baseUrl": emu.url,
        "pilotstatus:accounts": values.secret(JSON.stringify({ acme: { apiKey: emu.tenantKey } })),
        [`${rig.example.project}:tenants`]: JSON.stringify({ initech: [{ name: "X", number: "+5511900000299" }] }),
      }),
    ).rejects.toThrow(/Unknown Pilot Status account "initech".*pulumi config set --secret --path 'pilotstatus:accounts\.initech\.apiKey'/);
  });
});

// examples/tenant-numbers: one WhatsAppNumber per entry of the stack's `numbers` list.
import { describe, expect, it } from "vitest";
import { useEmulator } from "../support/emulator";
import { values } from "../support/compiled";
import { runExample, useExample } from "./exampleRig";

const emu = useEmulator({ reset: false });
const rig = useExample("tenant-numbers");

describe("examples/tenant-numbers", () => {
  it("creates a number per list entry and exports states, ids and the pairing codes as a secret", async () => {
    const declared = [
      { name: "Support", number: "+55 11 90000-0101" },
      { name: "Sales", number: "+55 (11) 90000-0102" },
      { name: "Billing", number: "5511900000103" },
    ];
    const result = await runExample(rig.example, rig.host, {
      "pilotstatus:apiKey": values.secret(emu.tenantKey),
      "pilotstatus:baseUrl": emu.url,
      [`${rig.example.project}:numbers`]: JSON.stringify(declared),
    });

    const live = (await emu.control.state()).tenants.default?.numbers ?? [];
    expect(live.map((n) => n.name).sort()).toEqual(["Billing", "Sales", "Support"]);
    const byNumber = <T>(pick: (n: (typeof live)[number]) => T) => Object.fromEntries(live.map((n) => [n.number, pick(n)]));
    expect(Object.keys(byNumber((n) => n.id)).sort()).toEqual(["+5511900000101", "+5511900000102", "+5511900000103"]);

    expect(result.outputs.states).toEqual(byNumber((n) => n.state));
    expect(Object.values(result.outputs.states as object)).toEqual(["CONNECTING", "CONNECTING", "CONNECTING"]);
    expect(result.outputs.numberIds).toEqual(byNumber((n) => n.id));

    expect(result.secretOutputs).toEqual(["pairingCodes"]);
    const codes = result.outputs.pairingCodes as Record<string, unknown>;
    expect(Object.keys(codes).sort()).toEqual(Object.keys(byNumber((n) => n.id)).sort());
    for (const code of Object.values(codes)) expect(code).toEqual(expect.stringMatching(/\S/));
    expect(new Set(Object.values(codes)).size).toBe(3);

    // Resource names come from the numbers, so reordering the list keeps every resource.
    expect(result.resources.map((r) => r.name).sort()).toEqual(["wa-5511900000101", "wa-5511900000102", "wa-5511900000103"]);
    for (const r of result.resources) expect(r.secretOutputs).toEqual(expect.arrayContaining(["pairingCode", "qrcodeBase64"]));
  });

  it("fails with the provider's message when an entry's number is not a phone number", async () => {
    await expect(
      runExample(rig.example, rig.host, {
        "pilotstatus:apiKey": values.secret(emu.tenantKey),
        "pilotstatus:baseUrl": emu.url,
        [`${rig.example.project}:numbers`]: JSON.stringify([{ name: "Typo", number: "11-9999" }]),
      }),
    ).rejects.toThrow(/wa-119999 failed check: number: .*E\.164/);
  });
});

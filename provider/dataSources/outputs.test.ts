/** The `...Output` variants under pulumi mocks: Inputs resolve, results resolve, secretness flows. */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { useEmulator } from "../../test/support/emulator";
import { getNumberOutput } from "./getNumber";
import { getNumberHealthOutput } from "./getNumberHealth";
import { getNumbersOutput } from "./getNumbers";
import { getRecentCalls, getRecentCallsOutput } from "./getRecentCalls";

function resolved<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply(resolve));
}

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}_id`, state: args.inputs }),
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
});
const emu = useEmulator({ env: true });

describe("Output variants", () => {
  it("getRecentCallsOutput with a secret apiKey: the result is secret and holds no key", async () => {
    const n = await emu.control.createNumber({ name: "Calls", number: "+5511900000001", provider: "META" });
    await emu.control.addCalls(n.id, { count: 40 });
    const out = getRecentCallsOutput({ apiKey: pulumi.secret(n.numberKey), limit: pulumi.output(30) });
    expect(await pulumi.isSecret(out)).toBe(true);
    const value = await resolved(out);
    expect(value).toEqual(await getRecentCalls({ apiKey: n.numberKey, limit: 30 }));
    expect(value.count).toBe(30);
    expect(JSON.stringify(value)).not.toContain(n.numberKey);
  });

  it("getRecentCallsOutput with a plain numberId: the result is not secret", async () => {
    const n = await emu.control.createNumber({ name: "Calls", number: "+5511900000001", provider: "META" });
    await emu.control.addCalls(n.id, { count: 5 });
    const out = getRecentCallsOutput({ numberId: pulumi.output(n.id) });
    expect(await pulumi.isSecret(out)).toBe(false);
    expect((await resolved(out)).count).toBe(5);
  });

  it("getNumberHealthOutput takes the id from another Output", async () => {
    const n = await emu.control.createNumber({ name: "Meta", number: "+5511900000002", provider: "META" });
    const id = pulumi.output(Promise.resolve(n.id));
    const out = getNumberHealthOutput({ numberId: id, refresh: pulumi.output(false) });
    const value = await resolved(out);
    expect(value.numberId).toBe(n.id);
    expect(value.health).toEqual(n.health);
    expect(await pulumi.isSecret(out)).toBe(false);
  });

  it("getNumberOutput by number and getNumbersOutput", async () => {
    const n = await emu.control.createNumber({ name: "QR", number: "+5511900000003" });
    const byNumber = await resolved(getNumberOutput({ number: pulumi.output("+55 11 90000-0003") }));
    expect(byNumber.numberId).toBe(n.id);
    const all = await resolved(getNumbersOutput());
    expect(all.numbers.map((x) => x.number)).toEqual(["+5511900000003"]);
  });
});

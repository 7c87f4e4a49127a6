import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { echo, greeting, programDriver, providerHost, pulumi, repoRoot, serialize, values } from "../test/support/compiled";
import type { ProviderHost } from "./providerHost";

const TYPE = "pulumi-nodejs:dynamic/fixture:Greeting";
const TOKEN = "tok-8d2e-program-secret";
const config = { "fixture:prefix": "Hi ", "fixture:token": values.secret(TOKEN) };
let host: ProviderHost;

beforeAll(async () => {
  host = await providerHost.startProviderHost({ cwd: repoRoot, project: "fixture", stack: "dev" });
});
afterAll(async () => {
  await host.stop();
});

const run = (program: () => unknown, opts: { preview?: boolean } = {}) =>
  programDriver.runProgram({
    program: program as () => Record<string, unknown>,
    host,
    config,
    project: "fixture",
    stack: "dev",
    preview: opts.preview,
  });

const createLines = () => host.logs.filter((l) => l.text.startsWith("[echo] create")).length;

describe("runProgram", () => {
  it("creates dynamic resources on the real host and resolves the stack exports", async () => {
    const result = await run(() => {
      const cfg = new pulumi.Config("fixture");
      const a = new greeting.Greeting("alpha", { name: "ann", message: "hello" });
      const b = new greeting.Greeting("beta", { name: a.name.apply((n) => `${n}'s friend`), message: "welcome" });
      class Thing extends pulumi.CustomResource {}
      const thing = new Thing("test:index:Thing", "thing", { size: 3 });
      return { aText: a.text, bText: b.text, bId: b.id, token: cfg.requireSecret("token"), thingSize: thing.urn.apply(() => 3) };
    });

    expect(result.outputs).toMatchObject({ aText: "Hi hello, ann", bText: "Hi welcome, ann's friend", token: TOKEN, thingSize: 3 });
    expect(result.secretOutputs).toEqual(["token"]);
    expect(result.unknownOutputs).toEqual([]);

    const dynamic = result.resources.filter((r) => r.type === TYPE);
    expect(dynamic.map((r) => [r.name, r.operation, r.urn])).toEqual([
      ["alpha", "create", `urn:pulumi:dev::fixture::${TYPE}::alpha`],
      ["beta", "create", `urn:pulumi:dev::fixture::${TYPE}::beta`],
    ]);
    expect(dynamic[1].id).toBe(result.outputs.bId);
    expect(new Set(dynamic.map((r) => r.id)).size).toBe(2);
    expect(dynamic[0].outputs).toMatchObject({ tokenDigest: echo.digest(TOKEN), revision: 1 });
    expect(result.resources.find((r) => r.type === "test:index:Thing")).toMatchObject({
      operation: "echo",
      id: "thing_id",
      outputs: { size: 3 },
    });

    // __provider is what dynamic.Resource serialized: tiny, secret-free, identical to serializeProvider's.
    const provider = dynamic[0].inputs.__provider;
    expect(provider).toBe(await serialize.serializeProvider(greeting.greetingProvider));
    expect(String(provider).length).toBeLessThan(4096);
    expect(String(provider)).not.toContain(TOKEN);
    expect(host.logText()).not.toContain(TOKEN);
  });

  it("marks outputs secret when their same-named input was secret", async () => {
    const result = await run(() => {
      const g = new greeting.Greeting("hush", { name: "ann", message: pulumi.secret("quiet") });
      return { message: g.message, text: g.text };
    });
    expect(result.outputs).toEqual({ message: "quiet", text: "Hi quiet, ann" });
    expect(result.secretOutputs).toEqual(["message"]);
    const r = result.resources.find((x) => x.name === "hush");
    expect(r?.secretInputs).toEqual(["message"]);
    expect(r?.secretOutputs).toEqual(["message"]);
  });

  it("reads by id when the program passes one", async () => {
    const created = await run(() => ({ id: new greeting.Greeting("orig", { name: "ann", message: "hello" }).id }));
    const id = String(created.outputs.id);
    const read = await run(() => ({ text: new greeting.Greeting("copy", { name: "ann", message: "hello" }, { id }).text }));
    expect(read.outputs.text).toBe("Hi hello, ann");
    expect(read.resources).toMatchObject([{ name: "copy", operation: "read", id }]);
  });

  it("previews: checks on the host, creates nothing, leaves provider-computed outputs unknown", async () => {
    const before = createLines();
    const result = await run(
      () => {
        const g = new greeting.Greeting("later", { name: "ann", message: "hello" });
        return { text: g.text, message: g.message, id: g.id };
      },
      { preview: true },
    );
    expect(createLines()).toBe(before);
    expect(result.outputs.message).toBe("hello");
    expect(result.unknownOutputs).toEqual(["id", "text"]);
  });

  it("fails the run with the provider's check failures", async () => {
    await expect(run(() => ({ t: new greeting.Greeting("empty", { name: "", message: "hello" }).text }))).rejects.toThrow(
      `${TYPE}::empty failed check: name: name must be a non-empty string`,
    );
  });

  it("fails the run when a resource nobody exports fails", async () => {
    await expect(
      run(() => {
        new greeting.Greeting("orphan", { name: "ann", message: "" });
        return {};
      }),
    ).rejects.toThrow(`${TYPE}::orphan failed check: message: message must be a non-empty string`);
  });

  it("rejects invokes with a clear error", async () => {
    await expect(run(() => ({ v: pulumi.runtime.invoke("test:index:getThing", {}) }))).rejects.toThrow(
      /does not mock invokes \(called test:index:getThing\)/,
    );
  });
});

import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { typeToken } from "../resources/typeTokens";
import { DriftInputError } from "./errors";
import { loadStackFile, parseStackExport, parseStackExportWhole } from "./stackState";

const SIG = "4dabf18193072939515e22adb298388d";
const WA = typeToken("WhatsAppNumber");
const META = typeToken("MetaNumber");

function exportOf(resources: unknown[]) {
  return JSON.stringify({ version: 3, deployment: { manifest: { version: "v3.150.0" }, resources } });
}

describe("parseStackExport", () => {
  it("finds both resource types by type token, with normalized numbers and the stack from the URN", () => {
    const s = parseStackExport(
      exportOf([
        { urn: "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev", type: "pulumi:pulumi:Stack", custom: false },
        {
          urn: "urn:pulumi:dev::shop::pulumi:providers:pulumi-nodejs::default",
          type: "pulumi:providers:pulumi-nodejs",
          custom: true,
          id: "p1",
        },
        {
          urn: `urn:pulumi:dev::shop::${WA}::sales`,
          type: WA,
          custom: true,
          id: "wa_1",
          inputs: { name: "Sales", number: "+55 11 99999-0001" },
          outputs: { numberId: "wa_1", name: "Sales", number: "+5511999990001", provider: "PILOT_STATUS" },
        },
        {
          urn: `urn:pulumi:dev::shop::${META}::support`,
          type: META,
          custom: true,
          id: "wa_2",
          inputs: { name: "Support", number: "+5511999990002" },
          outputs: {},
        },
        { urn: "urn:pulumi:dev::shop::aws:s3/bucket:Bucket::logs", type: "aws:s3/bucket:Bucket", custom: true, id: "logs" },
      ]),
      "file",
      "dev.json",
    );
    expect(s.numbers).toEqual([
      {
        id: "wa_1",
        urn: `urn:pulumi:dev::shop::${WA}::sales`,
        resourceType: "WhatsAppNumber",
        stack: "shop/dev",
        source: "dev.json",
        name: "Sales",
        number: "+5511999990001",
        provider: "PILOT_STATUS",
      },
      // No outputs: inputs and the type decide.
      {
        id: "wa_2",
        urn: `urn:pulumi:dev::shop::${META}::support`,
        resourceType: "MetaNumber",
        stack: "shop/dev",
        source: "dev.json",
        name: "Support",
        number: "+5511999990002",
        provider: "META",
      },
    ]);
    expect(s.otherResources).toBe(1);
    expect(s.otherPackages).toEqual(["aws"]);
    expect(s.stacks).toEqual(["shop/dev"]);
  });

  it("reads revealed secrets, leaves ciphertext unknown, and sets aside pending deletes, external reads and id-less resources", () => {
    const s = parseStackExport(
      exportOf([
        {
          urn: `urn:pulumi:dev::p::${WA}::a`,
          type: WA,
          id: "wa_a",
          outputs: { name: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: '"Secret name"' }, number: "+5511999990001" },
        },
        {
          urn: `urn:pulumi:dev::p::${WA}::b`,
          type: WA,
          id: "wa_b",
          outputs: { name: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:xyz" }, number: "+5511999990002" },
        },
        { urn: `urn:pulumi:dev::p::${WA}::c`, type: WA, id: "wa_c", delete: true, outputs: {} },
        { urn: `urn:pulumi:dev::p::${WA}::d`, type: WA, id: "wa_d", external: true, outputs: {} },
        { urn: `urn:pulumi:dev::p::${WA}::e`, type: WA, outputs: {} },
      ]),
      "file",
      "x.json",
    );
    expect(s.numbers.map((n) => [n.id, n.name])).toEqual([
      ["wa_a", "Secret name"],
      ["wa_b", null],
    ]);
    expect(s.pendingDeleteIds).toEqual(["wa_c"]);
    expect(s.withoutId).toEqual([`urn:pulumi:dev::p::${WA}::e`]);
  });

  it("accepts an empty stack, which exports no resources array", () => {
    const s = parseStackExport(JSON.stringify({ version: 3, deployment: { manifest: {} } }), "file", "empty.json");
    expect(s.numbers).toEqual([]);
  });

  it("rejects text that is not JSON, and JSON that is not a stack export, naming the source", () => {
    expect(() => parseStackExport("{ nope", "file", "bad.json")).toThrowError(DriftInputError);
    expect(() => parseStackExport("{ nope", "file", "bad.json")).toThrowError(/^bad\.json is not valid JSON/);
    expect(() => parseStackExport(JSON.stringify({ resources: [] }), "file", "shape.json")).toThrowError(
      /^shape\.json is not a `pulumi stack export` file/,
    );
    expect(() => parseStackExport(JSON.stringify({ version: 3, deployment: { resources: [{ id: 1 }] } }), "file", "r.json")).toThrowError(
      /deployment\.resources\.0/,
    );
  });
});

describe("the account a number is declared under", () => {
  it("is the resource's `account`, from its inputs, else its outputs; absent is the default account (no key at all)", () => {
    const text = exportOf([
      {
        urn: `urn:pulumi:dev::p::${WA}::a`,
        type: WA,
        id: "wa_a",
        inputs: { account: "acme", number: "+5511999990001" },
        outputs: { account: "acme" },
      },
      { urn: `urn:pulumi:dev::p::${WA}::b`, type: WA, id: "wa_b", inputs: { number: "+5511999990002" }, outputs: { account: "acme-br" } },
      { urn: `urn:pulumi:dev::p::${WA}::c`, type: WA, id: "wa_c", inputs: { number: "+5511999990003" }, outputs: {} },
      {
        urn: `urn:pulumi:dev::p::${WA}::d`,
        type: WA,
        id: "wa_d",
        inputs: { account: null },
        outputs: { account: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: '"revealed"' } },
      },
      { urn: `urn:pulumi:dev::p::${WA}::e`, type: WA, id: "wa_e", inputs: { account: "in-inputs" }, outputs: { account: "in-outputs" } },
    ]);
    const s = parseStackExport(text, "file", "x.json");
    expect(s.numbers.map((n) => [n.id, n.account])).toEqual([
      ["wa_a", "acme"],
      ["wa_b", "acme-br"],
      ["wa_c", undefined],
      ["wa_d", "revealed"],
      ["wa_e", "in-inputs"],
    ]);
    expect(Object.hasOwn(s.numbers[2]!, "account")).toBe(false);
    // The lean reader keeps it too (parseStackExport is the lean one; the whole one gives the same).
    expect(parseStackExportWhole(text, "file", "x.json").numbers).toEqual(s.numbers);
  });

  it("a secret's ciphertext, or a value that is not text, is refused: its tenant cannot be told", () => {
    for (const account of [{ [SIG]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:xyz" }, 42, ["acme"]]) {
      const text = exportOf([{ urn: `urn:pulumi:dev::p::${WA}::sales`, type: WA, id: "wa_a", inputs: { account }, outputs: {} }]);
      expect(() => parseStackExport(text, "file", "x.json")).toThrowError(
        /^WhatsAppNumber "sales" of "p\/dev" \(x\.json\) names its account with a value that is not a plain name \(a secret, or not text; not shown\): the audit cannot tell its tenant$/,
      );
    }
  });
});

describe("loadStackFile", () => {
  it("says which file is missing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "drift-"));
    await expect(loadStackFile(join(dir, "nope.json"))).rejects.toThrowError(
      `cannot read stack file ${join(dir, "nope.json")}: no such file`,
    );
    const path = join(dir, "ok.json");
    await writeFile(path, exportOf([]));
    await expect(loadStackFile(path)).resolves.toMatchObject({ kind: "file", name: path, numbers: [] });
  });
});

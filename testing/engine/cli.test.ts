// The pieces of engine:cli and the stand-in language host that need no CLI to check.
import { describe, expect, it } from "vitest";
import { engineCli, engineLanguageHost } from "../../test/support/compiled";

describe("engine:cli's wrapper module", () => {
  it("requires pkg and sdk at one version and copies only the non-local replace lines", () => {
    const pkgGoMod = [
      "module github.com/pulumi/pulumi/pkg/v3",
      "",
      "replace github.com/pulumi/pulumi/sdk/v3 => ../sdk",
      "",
      "replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e",
      "",
      "replace (",
      "\t// a comment",
      "\tgithub.com/a/b => github.com/c/d v1.2.3",
      "\tgithub.com/e/f => /abs/path",
      ")",
    ].join("\n");
    const mod = engineCli.wrapperGoMod("3.274.1", pkgGoMod);
    expect(mod).toContain("\tgithub.com/pulumi/pulumi/pkg/v3 v3.274.1\n\tgithub.com/pulumi/pulumi/sdk/v3 v3.274.1");
    expect(mod).toContain("replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e");
    expect(mod).toContain("replace github.com/a/b => github.com/c/d v1.2.3");
    expect(mod).not.toContain("../sdk");
    expect(mod).not.toContain("/abs/path");
  });

  it("pins the version in package.json, with a floor for a CLI found on PATH", () => {
    const pin = engineCli.cliPin();
    expect(pin.version).toMatch(/^3\.\d+\.\d+$/);
    expect(pin.minVersion).toMatch(/^3\.\d+\.\d+$/);
  });
});

describe("the stand-in language host", () => {
  it("hands the SDK its config as ns:config:key, as the Go host does", () => {
    expect(
      JSON.parse(
        engineLanguageHost.sdkConfig([
          ["pilotstatus:apiKey", "k"],
          ["proj:list", "[1]"],
        ]),
      ),
    ).toEqual({
      "pilotstatus:config:apiKey": "k",
      "proj:config:list": "[1]",
    });
  });
});

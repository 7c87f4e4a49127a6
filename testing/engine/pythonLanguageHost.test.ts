// The pieces of the pulumi-language-python stand-in that need no CLI: which Python, and the exec script's arguments
// in the order Pulumi's own host writes them.
import { createRequire } from "node:module";
import * as path from "node:path";
import * as langproto from "@pulumi/pulumi/proto/language_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../test/support/compiled";

const host = createRequire(import.meta.url)(
  path.join(repoRoot, "dist/testing/engine/pythonLanguageHost.js"),
) as typeof import("./pythonLanguageHost");

describe("the pulumi-language-python stand-in", () => {
  it("runs <virtualenv>/bin/python, the virtualenv relative to the project's root; python3 without one", () => {
    expect(host.pythonFor({ virtualenv: "venv" }, "/p")).toEqual({ python: "/p/venv/bin/python", virtualenv: "/p/venv" });
    expect(host.pythonFor({ virtualenv: "/abs/venv", toolchain: "pip" }, "/p").python).toBe("/abs/venv/bin/python");
    expect(host.pythonFor({}, "/p")).toEqual({ python: "python3" });
    expect(() => host.pythonFor({ virtualenv: "venv", toolchain: "uv" }, "/p")).toThrow(/not supported/);
  });

  it("passes the exec script the Go host's flags, then the program folder and its arguments", () => {
    const info = new langproto.ProgramInfo()
      .setRootDirectory("/p")
      .setProgramDirectory("/p")
      .setEntryPoint(".")
      .setOptions(Struct.fromJavaScript({}));
    const req = new langproto.RunRequest()
      .setMonitorAddress("127.0.0.1:1")
      .setProject("proj")
      .setStack("dev")
      .setDryrun(true)
      .setParallel(16)
      .setOrganization("organization")
      .setInfo(info)
      .setArgsList(["x"]);
    expect(host.execArgs(req, "127.0.0.1:2", "/p")).toEqual([
      "-u",
      host.execScript(),
      "--monitor",
      "127.0.0.1:1",
      "--engine",
      "127.0.0.1:2",
      "--project",
      "proj",
      "--stack",
      "dev",
      "--pwd",
      "/p",
      "--dry_run",
      "true",
      "--parallel",
      "16",
      "--organization",
      "organization",
      "--root_directory",
      "/p",
      "/p",
      "x",
    ]);
  });
});

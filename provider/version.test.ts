import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PilotStatusClient } from "./client";
import { forgetRateLimits } from "./client/scheduler";
import { defaultUserAgent, packageVersion, versionLine } from "./version";

const { version } = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as { version: string };

describe("package version", () => {
  it("is package.json's, for --version and the User-Agent alike", () => {
    expect(packageVersion()).toBe(version);
    expect(versionLine()).toBe(`pulumi-pilotstatus ${version}\n`);
    expect(defaultUserAgent()).toBe(`pulumi-pilotstatus/${version}`);
  });

  it("the client sends it as its User-Agent unless told otherwise", async () => {
    const agents: (string | undefined)[] = [];
    const srv = createServer((req, res) => {
      agents.push(req.headers["user-agent"]);
      res.writeHead(200, { "content-type": "application/json" }).end("[]");
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
    try {
      forgetRateLimits();
      const baseUrl = `http://127.0.0.1:${(srv.address() as { port: number }).port}`;
      await new PilotStatusClient({ apiKey: "ps_user_agent_test", baseUrl }).listNumbers();
      await new PilotStatusClient({ apiKey: "ps_user_agent_test", baseUrl, userAgent: "my-tool/2" }).listNumbers();
      expect(agents).toEqual([`pulumi-pilotstatus/${version}`, "my-tool/2"]);
    } finally {
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });
});

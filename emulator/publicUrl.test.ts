import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ASSUMED } from "pulumi-pilotstatus/contract";
import { startEmulator, type EmulatorHandle } from "./index";
import { obj } from "../test/support/http";

const F = ASSUMED.metaCreateFields;
const R = ASSUMED.metaCreateResponseFields;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const running: EmulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

async function start(publicUrl?: string): Promise<EmulatorHandle> {
  const emu = await startEmulator({ port: 0, ...(publicUrl !== undefined ? { publicUrl } : {}) });
  running.push(emu);
  return emu;
}

/** fetch() will not send a Host header of our choosing; node:http does. */
function postWithHost(
  baseUrl: string,
  path: string,
  key: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${path}`,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)), "x-api-key": key, ...headers },
      },
      (res) => {
        let out = "";
        res.setEncoding("utf8").on("data", (d: string) => (out += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(out) as unknown }));
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

const metaBody = (n: number) => ({
  name: `Meta ${n}`,
  number: `+55119888800${n}0`,
  metaPhoneId: `p${n}`,
  [F.wabaId]: `w${n}`,
  [F.accessToken]: `EAAG-${n}`,
});
const remoteBody = (n: number) => ({ name: `Remote ${n}`, number: `+55119888800${n}1` });

async function links(
  emu: EmulatorHandle,
  n: number,
  headers: Record<string, string>,
): Promise<{ webhookUrl: string; remotePairingUrl: string }> {
  const meta = await postWithHost(emu.url, "/v1/numbers/meta", emu.tenantKey, metaBody(n), headers);
  const remote = await postWithHost(emu.url, "/v1/numbers/remote-pairing", emu.tenantKey, remoteBody(n), headers);
  expect([meta.status, remote.status]).toEqual([201, 201]);
  return { webhookUrl: String(obj(meta.body)[R.webhookUrl]), remotePairingUrl: String(obj(remote.body).remotePairingUrl) };
}

describe("links handed out by the API (webhookUrl, remotePairingUrl)", () => {
  it("point at the emulator's own URL whatever Host or X-Forwarded-* header the client sends", async () => {
    const emu = await start();
    const forged = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    const got = await links(emu, 1, forged);
    expect(got.webhookUrl).toMatch(new RegExp(`^${escapeRegExp(emu.url)}/webhooks/meta/wa_\\w+$`));
    expect(got.remotePairingUrl).toMatch(new RegExp(`^${escapeRegExp(emu.url)}/pair/[0-9a-f]+$`));
    expect(JSON.stringify(got)).not.toContain("evil");
    expect(emu.publicUrl).toBe(emu.url);
  });

  it("use the configured public URL (its path kept, a trailing slash dropped) instead of the listen URL", async () => {
    const emu = await start("https://emu.example.test/pilot/");
    expect(emu.publicUrl).toBe("https://emu.example.test/pilot");
    const got = await links(emu, 2, { host: "evil.example" });
    expect(got.webhookUrl).toMatch(/^https:\/\/emu\.example\.test\/pilot\/webhooks\/meta\/wa_\w+$/);
    expect(got.remotePairingUrl).toMatch(/^https:\/\/emu\.example\.test\/pilot\/pair\/[0-9a-f]+$/);
  });

  it("refuse a public URL that is not a plain http(s) URL", async () => {
    for (const bad of [
      "emu.example.test",
      "ftp://emu.example.test",
      "https://emu.example.test/?x=1",
      "https://emu.example.test/#a",
      "https://user:pw@emu.example.test",
    ]) {
      await expect(startEmulator({ port: 0, publicUrl: bad }), bad).rejects.toThrow(
        /^publicUrl takes an http\(s\) URL without credentials, query or fragment/,
      );
    }
  });
});

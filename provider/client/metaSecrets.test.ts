/**
 * The Meta access token and app secret a request carries are redacted like the key: in the error text, the API's
 * own error text and code, every rendering of the error, whether the API echoes them plainly, URL-encoded or in a
 * 2xx body of an unexpected shape.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { useEmulator } from "../../test/support/emulator";
import { caught } from "../../test/support/errors";
import { fastRetry } from "../../test/support/retry";
import { PilotStatusClient } from "./client";
import type { PilotStatusError } from "./errors";

const emu = useEmulator();
// Characters that change under URL or JSON escaping, so an encoded echo is caught too.
const TOKEN = "EAAG-meta/token+41f0==";
const APP_SECRET = 'app-secret"93be\\x';

const renderings = (e: PilotStatusError) => [
  String(e),
  e.message,
  e.stack ?? "",
  JSON.stringify(e),
  inspect(e, { depth: 10, showHidden: true }),
];

function metaRequest(n: number) {
  return {
    name: "Meta",
    number: `+551190000${String(n).padStart(4, "0")}`,
    metaPhoneId: "1",
    metaWabaId: "2",
    metaAccessToken: TOKEN,
    metaAppSecret: APP_SECRET,
  };
}

describe("Meta secrets in a createMetaNumber error", () => {
  it("are redacted wherever the API echoes them", async () => {
    const client = new PilotStatusClient({ apiKey: emu.tenantKey, baseUrl: emu.url, ...fastRetry });
    const echoes: { status: number; body: unknown }[] = [
      { status: 400, body: { error: `metaAccessToken ${TOKEN} is invalid`, code: "META_TOKEN_INVALID" } },
      { status: 400, body: { error: "bad token", code: TOKEN } },
      { status: 401, body: { error: `app secret ${APP_SECRET} rejected by Meta` } },
      { status: 409, body: { error: `token=${encodeURIComponent(TOKEN)}&secret=${encodeURIComponent(APP_SECRET)}` } },
      { status: 422, body: { error: `got ${JSON.stringify({ token: TOKEN, secret: APP_SECRET })}` } },
      { status: 500, body: { error: `upstream failed for ${TOKEN}` } },
      // A 2xx of an unexpected shape whose only unknown key is the token.
      { status: 201, body: { [TOKEN]: true } },
    ];
    const errors: PilotStatusError[] = [];
    for (const [i, echo] of echoes.entries()) {
      await emu.control.fault({ method: "POST", path: "/v1/numbers/meta", count: 1, ...echo });
      errors.push(await caught(client.createMetaNumber(metaRequest(i))));
    }
    expect(errors.map((e) => e.status ?? e.kind)).toEqual([400, 400, 401, 409, 422, 500, "unexpected_response"]);
    expect(errors[0]!.message).toContain("metaAccessToken [redacted] is invalid");
    expect(errors[1]!.code).toBe("[redacted]");
    const texts = errors.flatMap(renderings).join("\n");
    const forms = [TOKEN, APP_SECRET, encodeURIComponent(TOKEN), encodeURIComponent(APP_SECRET), JSON.stringify(APP_SECRET).slice(1, -1)];
    for (const form of forms) expect(texts).not.toContain(form);
  });

  it("only the request that carries them redacts them (other requests keep their text)", async () => {
    const client = new PilotStatusClient({ apiKey: emu.tenantKey, baseUrl: emu.url, ...fastRetry });
    await emu.control.fault({ method: "POST", path: "/v1/numbers/meta", count: 1, status: 400, body: { error: `no ${TOKEN}` } });
    await caught(client.createMetaNumber(metaRequest(99)));
    await emu.control.fault({ method: "GET", path: "/v1/numbers", count: 1, status: 400, body: { error: "plain words" } });
    expect((await caught(client.listNumbers())).message).toContain("plain words");
  });
});

/** Base URL policy: the API key travels in a header, so plain http is only allowed to this machine. */
import { isIP } from "node:net";
import { PilotStatusError } from "./errors";
import { MAX_ECHO, characters, looksLikeApiKey } from "./text";

export const DEFAULT_BASE_URL = "https://pilotstatus.com.br";

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host === "::1") return true;
  if (isIP(host) === 4) return host.split(".")[0] === "127";
  // IPv4-mapped loopback, e.g. ::ffff:127.0.0.1 (WHATWG URL writes it as ::ffff:7f00:1).
  const mapped = /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host) || /^::ffff:127\./.test(host);
  return mapped;
}

/**
 * The one transport rule for a URL the provider uses or hands on (the base URL; a pairing redirect URL): https,
 * or plain http only to this machine (a loopback host, e.g. the emulator).
 */
export function isHttpsOrLoopback(url: URL): boolean {
  return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
}

/** Schemes named in a refusal; any other is described, not echoed (it may be the start of a pasted secret). */
const KNOWN_SCHEMES = new Set([
  "http:",
  "https:",
  "ftp:",
  "ftps:",
  "ws:",
  "wss:",
  "file:",
  "data:",
  "javascript:",
  "mailto:",
  "ssh:",
  "git:",
  "tcp:",
  "grpc:",
]);

export function schemeOf(url: URL): string {
  return KNOWN_SCHEMES.has(url.protocol) ? `${url.protocol}//` : "another scheme";
}

const WHERE = "pilotstatus:baseUrl / PILOT_STATUS_BASE_URL";

/** Why a base URL that does not parse is wrong, without its value: it may be a secret pasted into the wrong setting. */
function notAUrl(text: string): string {
  const why = looksLikeApiKey(text)
    ? "it looks like a Pilot Status API key (ps_…), which belongs in pilotstatus:apiKey (pulumi config set --secret pilotstatus:apiKey ps_...)"
    : /^\s*[a-z][a-z0-9+.-]*:\/\//i.test(text)
      ? "it does not parse as a URL"
      : "it has no scheme";
  return (
    `Pilot Status baseUrl (${WHERE}) is not a valid URL: ${why}. The value (${characters(text.length)}) is not ` +
    `shown, in case it is a secret. Expected an absolute URL such as ${DEFAULT_BASE_URL}`
  );
}

/** Parses and checks a base URL; returns it without a trailing slash. No message echoes more than a short origin. */
export function resolveBaseUrl(raw: string | undefined): URL {
  const text = raw ?? DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PilotStatusError({ kind: "config", message: notAUrl(text) });
  }
  if (looksLikeApiKey(text)) throw new PilotStatusError({ kind: "config", message: notAUrl(text) });
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new PilotStatusError({
      kind: "config",
      message: `Pilot Status baseUrl (${WHERE}) must use https:// (it uses ${schemeOf(url)})`,
    });
  }
  if (url.username || url.password) {
    throw new PilotStatusError({ kind: "config", message: `Pilot Status baseUrl (${WHERE}) must not contain credentials` });
  }
  if (!isHttpsOrLoopback(url)) {
    const origin = url.origin.length <= MAX_ECHO ? `${url.origin} ` : "";
    throw new PilotStatusError({
      kind: "config",
      message:
        `Pilot Status baseUrl ${origin}(${WHERE}) uses plain http:// to a non-loopback host: the API key would be ` +
        `sent in clear text. Use https://, or http:// only to 127.0.0.1 / localhost / ::1 (e.g. the emulator).`,
    });
  }
  if (url.search || url.hash) {
    throw new PilotStatusError({ kind: "config", message: `Pilot Status baseUrl (${WHERE}) must not contain a query or fragment` });
  }
  url.pathname = url.pathname.replace(/\/+$/, "");
  return url;
}

/** Joins an API path (`/v1/...`) onto the base URL, keeping any base path prefix. */
export function joinUrl(base: URL, path: string): URL {
  const url = new URL(base.href);
  url.pathname = base.pathname.replace(/\/+$/, "") + path;
  return url;
}

/** Base URL policy: the API key travels in a header, so plain http is only allowed to this machine. */
import { isIP } from "node:net";
import { PilotStatusError } from "./errors";

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

/** Parses and checks a base URL; returns it without a trailing slash. */
export function resolveBaseUrl(raw: string | undefined): URL {
  const text = raw ?? DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PilotStatusError({
      kind: "config",
      message: `Pilot Status baseUrl "${text}" is not a valid URL; expected e.g. ${DEFAULT_BASE_URL}`,
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new PilotStatusError({
      kind: "config",
      message: `Pilot Status baseUrl must use https:// (got ${url.protocol}//)`,
    });
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new PilotStatusError({
      kind: "config",
      message:
        `Pilot Status baseUrl ${url.origin} uses plain http:// to a non-loopback host: the API key would be ` +
        `sent in clear text. Use https://, or http:// only to 127.0.0.1 / localhost / ::1 (e.g. the emulator).`,
    });
  }
  if (url.username || url.password) {
    throw new PilotStatusError({ kind: "config", message: "Pilot Status baseUrl must not contain credentials" });
  }
  if (url.search || url.hash) {
    throw new PilotStatusError({ kind: "config", message: "Pilot Status baseUrl must not contain a query or fragment" });
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

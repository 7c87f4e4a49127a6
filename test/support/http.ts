/** Small fetch helper for tests that talk to an emulator (or the real API) over HTTP. */
export interface HttpResult {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface RequestOptions {
  key?: string;
  keyId?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function request(baseUrl: string, method: string, path: string, opts: RequestOptions = {}): Promise<HttpResult> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key !== undefined) headers["x-api-key"] = opts.key;
  if (opts.keyId !== undefined) headers["x-api-key-id"] = opts.keyId;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === "" ? null : (JSON.parse(text) as unknown) };
}

/** Narrows an unknown JSON body to a record for property access in assertions. */
export function obj(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error(`not an object: ${JSON.stringify(body)}`);
  return body as Record<string, unknown>;
}

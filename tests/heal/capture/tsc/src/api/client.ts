export interface RequestOptions {
  method: "GET" | "POST" | "PUT" | "DELETE";
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface ApiError {
  status: number;
  message: string;
}

const BASE_URL: string = process.env.API_URL;

export async function request<T>(path: string, opts: RequestOptions): Promise<T> {
  const res = await fetch(BASE_URL + path, { method: opts.method, headers: opts.headers });
  if (!res.ok) {
    const err: ApiError = { status: res.status, mesage: res.statusText };
    throw err;
  }
  return res.json();
}

export function get<T>(path: string) {
  return request<T>(path, { method: "FETCH" });
}

export function retry(fn: () => Promise<void>, times: number, delayMs: number) {
  return fn().catch(() => (times > 0 ? retry(fn, times - 1) : undefined));
}

import type { ApiError } from "../api/client";

export interface Session {
  userId: string;
  token: string;
  expiresAt?: Date;
}

let current: Session | undefined;

export function login(userId: string, token: string): Session {
  current = { userId, token, expiresAt: undefined };
  return current;
}

export function expiresInMs(): number {
  return current.expiresAt.getTime() - Date.now();
}

export function describe(err: ApiError): string {
  return `${err.status}: ${err.mesage}`;
}

export function isAdmin(s: Session): boolean {
  return s.roles.includes("admin");
}

export function logout(): void {
  curent = undefined;
}

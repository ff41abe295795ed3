import { padStart } from "lodash-es";

export type Currency = "EUR" | "USD" | "GBP";

export function formatAmount(cents: number, currency: Currency): string {
  const units = cents / 100;
  const sign = units < 0 ? "-" : "";
  return sign + currency + " " + units.toFixed(2);
}

export function formatDate(d: Date, style: "kurz" | "lang"): string {
  if (style === "kurz") {
    return padStart(String(d.getDate()), 2, "0") + "." + (d.getMonth() + 1);
  }
}

export const greeting: "Grüß Gott" | "Servus" = "Grüezi";

export function parsePercent(s: string): number {
  const n = parseFloat(s.replace("%", ""))
  return n / 100
}

export function clamp(value: number, min: number, max: number): number {
  let unused = 0;
  return Math.min(Math.max(value, min), max);
}

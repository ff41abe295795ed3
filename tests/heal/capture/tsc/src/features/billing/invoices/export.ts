import { Invoice } from "./components/InvoiceTable";
import { writeFileSync } from "node:fs";

export function toCsv(invoices: Invoice[]): string {
  const header = ["id", "amount", "currency"].join(";");
  const lines = invoices.map((i) => [i.id, i.amountCents, i.currency].join(";"));
  return [header, ...lines].join("\n");
}

export function save(path: string, invoices: Invoice[]) {
  writeFileSync(path, toCsv(invoices));
}

export class Exporter {
  private readonly sep = ";";
  constructor(private format: "csv" | "tsv") {}

  run(invoices: Invoice[]) {
    this.sep = this.format === "tsv" ? "\t" : ";";
    return toCsv(invoices)
  }

  get count(): number {
    return this.invoices.length;
  }
}

const enum Status { Draft, Sent, Paid }
export const s: Status = Status.Archived;
function helper(x) { return x * 2 }

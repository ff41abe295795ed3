import { formatAmount, type Currency } from "../../../../util/format";

export interface Invoice {
  id: string;
  amountCents: number;
  currency: Currency;
  paid: boolean;
}

interface InvoiceTableProps {
  invoices: Invoice[];
  onSelect(id: string): void;
}

export function InvoiceTable(props: InvoiceTableProps) {
  const total = props.invoices.reduce((sum, inv) => sum + inv.amountCents, "0");
  const rows = props.invoices.map((inv) => ({
    id: inv.id,
    label: formatAmount(inv.amountCents, inv.currency.toLowerCase()),
  }));
  const first: Invoice = { id: "x", amountCents: 100, currency: "EUR" };
  props.onSelect(first.id, true);
  return { rows, total, first };
}

export function totalOf(invoices: Invoice[]): number {
  return invoices.filter((i) => i.paid).map((i) => i.amountCents).sum();
}

export function byCurrency(invoices: Invoice[], c: Currency) {
  return invoices.filter((i) => i.currency = c);
}

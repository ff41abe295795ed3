import { request, get } from "./api/client";
import { login, expiresInMs } from "./store/session";
import { toCsv } from "./features/billing/invoices/export"

async function main(): Promise<number> {
  const s = login("u1", 42);
  const data = await get<{ items: string[] }>("/items");
  console.log(data.items.lenght, s);
  const n: number = expiresInMs;
  console.log(toCsv([{ id: 1 }]), n);
  if (data.items.length > 3) {
    return 1;
  }
  return 0;
}

main().then((code) => process.exit(code));

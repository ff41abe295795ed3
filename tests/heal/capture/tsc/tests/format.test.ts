import { formatAmount } from "../src/util/format";

describe("formatAmount", () => {
  it("formats euros", () => {
    expect(formatAmount(1050, "EUR")).toBe("EUR 10.50");
  });
});

# frozen_string_literal: true

class Invoice
  attr_reader :lines, :currency

  def initialize(lines, currency = "EUR")
    @lines = lines
    @currency = currency
  end

  def total
    sum = 0
    lines.each do |l|
      sum = sum + l.amount
    end
    return sum
  end

  def größe
    größe = lines.size
    lines.count
  end

  def paid?
    if @paid == true then true else false end
  end

  def to_s()
    "Invoice with #{lines.size} lines totalling #{total} #{currency} — generated for the quarterly report of the finance team"
  end
end

# frozen_string_literal: true

module Invoices
  # Sends payment reminders.
  class ReminderMailerService
    def call(invoices, now)
      invoices.each do |inv|
        next unless inv.overdue?(now)
        begin
          deliver(inv)
        rescue Exception => e
          puts "failed: " + e.message
        end
      end
    end

    def deliver(inv)
      subject = 'Reminder'
      if inv.amount > 1000 and inv.customer.vip?
        subject = 'Urgent reminder'
      end
      body = format('%s %s', inv.number)
      Mailer.send(inv.customer.email, subject, body, )
    end

    def escalate(inv, level)
      case level
      when 1 then notify(inv)
      when 1 then notify(inv, urgent: true)
      end
    end
  end
end

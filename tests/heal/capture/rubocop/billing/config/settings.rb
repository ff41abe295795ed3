# frozen_string_literal: true

SETTINGS = {
  :timeout => 30,
  'retries' => 3,
  currency: "EUR"
}

def setting(key) = SETTINGS.fetch(key)

unused = 42

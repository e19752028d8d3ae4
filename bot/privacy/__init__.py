"""Privacy by design: what must never be stored (BSN, IBAN) and how contact details are sealed."""

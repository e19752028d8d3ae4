"""The warm handover: a consented, minimal case passed to the organisation that will call."""

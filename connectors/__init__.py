"""Rasa input channels: the web chat page (and, later, Twilio WhatsApp/SMS)."""

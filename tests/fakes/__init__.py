"""Real servers on loopback standing in for the outside world: a webhook receiver that fails
on demand, Twilio's Messages API, an SMTP sink. Nothing of our own code is patched."""

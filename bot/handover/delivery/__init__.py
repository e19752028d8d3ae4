"""Getting closed-loop messages to organisations, coordinators and residents.

One module per channel (webhook, e-mail, Twilio SMS/WhatsApp); ``content`` turns an outbox row
into an :class:`~bot.handover.delivery.envelope.Envelope`, ``senders`` picks the channel.
"""

"""The social map ("sociale kaart"): who helps with what, where, in which language.

Tables follow Open Referral HSDS 3.0 where it fits (organization, service, location,
service_area, language, phone, contact, schedule) plus what the field asks for (routes, what a
service does NOT do, waiting time, last check). The conversation only calls
:func:`bot.socialmap.lookup.find_services` and :func:`bot.socialmap.lookup.municipal_desk`.
"""

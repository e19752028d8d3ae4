"""Ambassador mode: community meetings, ambassador sign-in on the web chat and feedback.

An ambassador runs intakes with residents beside them at a community meeting; every handover
made there names the ambassador and the meeting, so the loop can be closed afterwards.
"""

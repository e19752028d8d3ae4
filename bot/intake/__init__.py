"""The intake: which route a resident needs (triage) and by when someone must act (deadlines)."""

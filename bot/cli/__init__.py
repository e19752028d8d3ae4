"""The ``wegwijs`` admin command: one module per sub-command group."""

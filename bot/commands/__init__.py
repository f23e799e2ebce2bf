"""Chat commands: one transport-neutral service (``service``) and thin Telegram / Discord adapters."""

"""The partner API: organisations and coordinators read handovers and report their status."""

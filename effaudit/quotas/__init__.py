"""Unit-product energy quotas: matching a product row to a quota entry, and the arithmetic of the check."""

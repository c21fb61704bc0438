"""sample-ml."""

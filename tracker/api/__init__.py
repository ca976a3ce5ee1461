"""The public REST API of the training log (shared/contract.md section 2)."""

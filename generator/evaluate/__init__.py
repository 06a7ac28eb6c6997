"""Quality measures on the development sets in ``../shared/eval`` (see the README's Evaluation)."""

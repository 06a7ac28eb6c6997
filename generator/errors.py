"""Domain exceptions; the CLI turns them into messages and exit codes."""

from __future__ import annotations


class DigestError(Exception):
    """Base class of every error digest raises on purpose."""

    exit_code = 1


class ConfigError(DigestError):
    """The configuration is invalid; ``errors`` lists every problem found."""

    exit_code = 2

    def __init__(self, path: str, errors: list[str]) -> None:
        self.path = path
        self.errors = errors
        lines = "\n".join(f"  - {error}" for error in errors)
        super().__init__(f"Invalid configuration in {path}:\n{lines}")


class ModelError(DigestError):
    """The spaCy pipeline named in the configuration cannot be loaded."""

    exit_code = 2


class BuildError(DigestError):
    """The build ran but failed, for example ``--strict`` with problems reported."""


class UsageError(DigestError):
    """The command was given something it cannot use, such as a path that does not exist."""

    exit_code = 2

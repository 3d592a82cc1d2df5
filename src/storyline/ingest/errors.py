"""What a bad input produces: an IngestError in the output stream, never an exception out of ``read``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IngestError:
    """One bad input (a file, a URL, one line of a JSON Lines file); the rest of the batch goes on."""

    origin: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.origin if self.line is None else f"{self.origin}:{self.line}"
        return f"{where}: {self.message}"


class BadInput(Exception):
    """Raised inside the readers; the dispatcher turns it into an IngestError naming the origin."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

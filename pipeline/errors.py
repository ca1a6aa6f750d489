"""Error hierarchy and message catalogue.

Bad input (``InputError``) is expected: it is reported with the path and reason, recorded
in the quarantine, never shown as a traceback. Anything else that escapes is a defect.
"""

from __future__ import annotations

from pathlib import Path


class VanbanError(Exception):
    """Root of every error vanban raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(VanbanError):
    """A file that cannot be read as a document. ``reason`` is a stable short word."""

    code = "E100"
    reason = "bad-input"
    hint = ""

    def __init__(self, path: str | Path, detail: str) -> None:
        self.path = str(path)
        self.detail = detail
        msg = f"{self.path}: {detail}"
        if self.hint:
            msg += f" ({self.hint})"
        super().__init__(msg)


class UnsupportedFormatError(InputError):
    code = "E101"
    reason = "unsupported"
    hint = "supported: .txt .md .docx .pdf .doc .rtf"


class CorruptFileError(InputError):
    code = "E102"
    reason = "corrupt"


class EncryptedFileError(InputError):
    code = "E103"
    reason = "encrypted"
    hint = "remove the password and import again"


class EmptyDocumentError(InputError):
    code = "E104"
    reason = "empty"


class HostileFileError(InputError):
    """Zip bombs, XML entity expansion, absurd sizes: refused before they cost memory."""

    code = "E105"
    reason = "too-large"


class MissingToolError(VanbanError):
    """A system tool (Tesseract, LibreOffice) is needed but absent; the message says how to install."""

    code = "E200"


class LexiconError(VanbanError):
    """A data file in extractors/lexicon is invalid: fail at load, naming file and entry."""

    code = "E300"


class StoreError(VanbanError):
    """Database or migration failure."""

    code = "E400"


class TransientStoreError(StoreError):
    """Database locked or unavailable: worth retrying."""

    code = "E401"

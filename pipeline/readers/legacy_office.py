""".doc (Word 97-2003) and .rtf: convert to .docx with LibreOffice headless, then read as .docx.

LibreOffice renders Word's automatic numbering into numbering.xml the way Word does, keeps
footnotes and legacy font names (so TCVN3/VNI runs are converted by the .docx reader), and
is the only maintained open parser of the binary format. Each conversion runs in a fresh
profile directory (``-env:UserInstallation``): a shared profile makes concurrent
conversions block or fail, and the user's own LibreOffice settings must not leak in.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from pipeline.errors import CorruptFileError, EncryptedFileError, MissingToolError
from pipeline.readers.base import ReadResult
from schemas import Conversion, TextSource

#: Seconds allowed for one conversion (a 50-page .doc takes ~3-5 s, most of it start-up).
CONVERT_TIMEOUT_S = 120
INSTALL_HINT = (
    "install LibreOffice: `sudo apt-get install libreoffice-writer-nogui` (Debian/Ubuntu), "
    "`brew install --cask libreoffice` (macOS)"
)
_SOFFICE_NAMES = ("soffice", "libreoffice")
_SOFT_HYPHEN = b"<w:softHyphen/>"
_SOFT_HYPHEN_TEXT = '<w:t xml:space="preserve">\u00ad</w:t>'.encode()


def read_legacy_office(path: str | Path, data: bytes, fmt: str) -> ReadResult:
    """Read a .doc or .rtf file (``fmt`` 'doc' | 'rtf') through a LibreOffice .docx conversion."""
    from pipeline.readers.docx import read_docx

    if fmt == "doc":
        _refuse_encrypted(path, data)
    soffice = _soffice_binary()
    docx = _soft_hyphens_as_text(_convert_to_docx(soffice, path, data, fmt))
    result = read_docx(path, docx)
    result.format = fmt
    for block in result.blocks:
        if block.source == TextSource.NATIVE:
            block.source = TextSource.CONVERTED
    result.conversions.insert(0, Conversion(kind="libreoffice", detail=f".{fmt} → .docx", blocks=len(result.blocks)))
    return result


def _refuse_encrypted(path: str | Path, data: bytes) -> None:
    """Password-protected .doc: LibreOffice would wait for a password, so refuse it up front."""
    from pipeline.readers.ole import OleDirectory

    ole = OleDirectory(path, data)
    if "WordDocument" in ole.entries and ole.word_encrypted():
        raise EncryptedFileError(path, "password-protected Word 97-2003 document")


def _convert_to_docx(soffice: str, path: str | Path, data: bytes, fmt: str) -> bytes:
    """Run ``soffice --convert-to docx`` in a throw-away profile; return the .docx bytes."""
    with tempfile.TemporaryDirectory(prefix="vanban-lo-") as tmp:
        work = Path(tmp)
        src = work / f"input.{fmt}"
        src.write_bytes(data)
        out_dir = work / "out"
        cmd = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out_dir),
            str(src),
        ]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=CONVERT_TIMEOUT_S)
        except subprocess.TimeoutExpired as e:
            os.killpg(proc.pid, signal.SIGKILL)  # soffice forks: end its whole session
            proc.communicate()
            raise CorruptFileError(path, f"LibreOffice did not convert the .{fmt} within {CONVERT_TIMEOUT_S} s") from e
        out = out_dir / "input.docx"
        if not out.is_file() or out.stat().st_size == 0:
            detail = err.decode("utf-8", "replace").strip().splitlines()
            detail = [d for d in detail if "javaldx" not in d]
            raise CorruptFileError(
                path, f"LibreOffice could not read this .{fmt} file{': ' + detail[-1] if detail else ''}"
            )
        return out.read_bytes()


def _soft_hyphens_as_text(docx: bytes) -> bytes:
    """Write LibreOffice's ``<w:softHyphen/>`` back as the character U+00AD.

    In TCVN3 the byte 0xAD is the letter "ư"; Word and LibreOffice store it as a soft-hyphen
    element, which a reader drops, turning "Chương" into "Chơng". As a character it reaches
    ``convert_legacy`` with its run; in Unicode runs normalisation removes it as before.
    """
    src = zipfile.ZipFile(io.BytesIO(docx))
    parts = {"word/document.xml", "word/footnotes.xml", "word/endnotes.xml"}
    if not any(_SOFT_HYPHEN in src.read(n) for n in parts if n in src.namelist()):
        return docx
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename in parts:
                blob = blob.replace(_SOFT_HYPHEN, _SOFT_HYPHEN_TEXT)
            dst.writestr(info, blob)
    return out.getvalue()


def _soffice_binary() -> str:
    """Path of LibreOffice's ``soffice``, or a MissingToolError naming the package to install."""
    for name in _SOFFICE_NAMES:
        exe = shutil.which(name)
        if exe:
            return exe
    raise MissingToolError(f".doc and .rtf files are read through LibreOffice, which is not installed: {INSTALL_HINT}")

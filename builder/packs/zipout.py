"""Reproducible zip files: fixed dates and permissions, entries in a fixed order, no extras."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterable


def zip_date(epoch: int) -> tuple[int, int, int, int, int, int]:
    """Return the zip date of ``epoch`` (zip cannot store dates before 1980)."""
    t = time.gmtime(max(epoch, 315532800))
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec - t.tm_sec % 2)


def zip_bytes(
    entries: Iterable[tuple[str, bytes]], epoch: int, stored: frozenset[str] = frozenset()
) -> bytes:
    """Return a zip of ``entries`` in the given order; names in ``stored`` are not compressed."""
    buf = io.BytesIO()
    date = zip_date(epoch)
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            zf.writestr(info, data, compresslevel=None if name in stored else 6)
    return buf.getvalue()

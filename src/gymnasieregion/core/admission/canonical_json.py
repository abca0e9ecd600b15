"""Canonical JSON: the same value gives the same bytes on every machine (domain §10 R5).

Keys sorted, no insignificant whitespace, UTF-8 without escapes, one final newline. Decimal
values are written as strings by the file modules before they get here, so no float is ever
formatted.
"""

import hashlib
import json


def canonical_bytes(value: object) -> bytes:
    """The canonical serialisation of a JSON value."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of some bytes, as lowercase hex."""
    return hashlib.sha256(data).hexdigest()

"""Rendered page fragments kept in the cache (ADR 0105).

For public pages whose content is the same for every visitor: the key names everything
the fragment shows (the query and a version of the data read from the database on each
request), so a change in the data makes a new key and an old fragment is never served
after it. What the version does not cover (a school or municipality renamed) shows
within the time limit.
"""

from collections.abc import Callable, Hashable
from hashlib import sha256

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

FRAGMENT_SECONDS = 10 * 60


def fragments_cached(
    *, name: str, key: tuple[Hashable, ...], build: Callable[[], dict[str, str]]
) -> dict[str, SafeString]:
    """The fragments named by `key`, built by `build` (rendered templates) when missing."""
    cache_key = f"fragments:{name}:{sha256(repr(key).encode()).hexdigest()}"
    fragments: dict[str, str] | None = cache.get(cache_key)
    if fragments is None:
        fragments = build()
        cache.set(cache_key, fragments, FRAGMENT_SECONDS)
    # Built by `render_to_string` from auto-escaping templates, so safe as they are.
    return {part: mark_safe(html) for part, html in fragments.items()}  # noqa: S308

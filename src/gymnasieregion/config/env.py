"""The only reader of the process environment (architecture guide, §2).

Every setting that may differ between machines is read here, once, with its
default and its type. Settings modules import the values from this module.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parents[3]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """A string from the environment, or `default` when unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """A boolean from the environment; anything but a clear yes/no is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false).")


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list from the environment."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
DATABASE_URL = env_str("DATABASE_URL")
DEMO = env_bool("GYMNASIEREGION_DEMO", default=False)
VAR_DIR = Path(env_str("GYMNASIEREGION_VAR_DIR", str(BASE_DIR / "var")))
EMAIL_FILE_PATH = env_str("GYMNASIEREGION_EMAIL_DIR", str(VAR_DIR / "mail"))
OIDC_ISSUER = env_str("OIDC_ISSUER")

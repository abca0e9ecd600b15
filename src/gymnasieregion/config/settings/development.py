"""Development and demo: local SQLite, debug pages, a fixed key that never leaves this machine."""

from gymnasieregion.config import env
from gymnasieregion.config.settings.base import *  # noqa: F403

DEBUG = env.env_bool("DEBUG", default=True)
SECRET_KEY = env.SECRET_KEY or "development-only-key-not-for-production"
ALLOWED_HOSTS = env.ALLOWED_HOSTS
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = env.EMAIL_FILE_PATH
# Letters in var/mail/ should say who sends them; .invalid never reaches anyone (RFC 2606).
DEFAULT_FROM_EMAIL = "Gymnasieantagningen <antagningen@gymnasieregion.invalid>"

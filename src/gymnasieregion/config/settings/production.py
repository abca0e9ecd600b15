"""Production: refuses to start without a secret key or with DEBUG on; HTTPS only."""

from django.core.exceptions import ImproperlyConfigured

from gymnasieregion.config import env
from gymnasieregion.config.settings.base import *  # noqa: F403

if not env.SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if env.DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")
if env.DEMO:
    raise ImproperlyConfigured("GYMNASIEREGION_DEMO must be off in production.")

SECRET_KEY = env.SECRET_KEY
DEBUG = False
ALLOWED_HOSTS = env.ALLOWED_HOSTS
REQUIRE_SECOND_FACTOR = True

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

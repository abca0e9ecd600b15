"""WSGI entry point for gunicorn: `gunicorn gymnasieregion.config.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gymnasieregion.config.settings.production")
application = get_wsgi_application()

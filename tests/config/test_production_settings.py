"""Production settings refuse to start unsafe; they set the security headers."""

import os
import subprocess
import sys

import pytest

CHECK = "import django; django.setup(); from django.conf import settings; print(settings.SECURE_HSTS_SECONDS)"


def start(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "GYMNASIEREGION_DEMO"}
    }
    environment |= {"DJANGO_SETTINGS_MODULE": "gymnasieregion.config.settings.production", **env}
    return subprocess.run(
        [sys.executable, "-c", CHECK], env=environment, capture_output=True, text=True, check=False
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = start()
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production." in result.stderr


def test_production_refuses_to_start_with_debug_on():
    result = start(SECRET_KEY="k" * 50, DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG must be off in production." in result.stderr


def test_production_starts_with_a_key_and_sets_hsts():
    result = start(SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(60 * 60 * 24 * 365)


@pytest.mark.django_db
def test_pages_carry_csp_frame_and_content_type_headers(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"

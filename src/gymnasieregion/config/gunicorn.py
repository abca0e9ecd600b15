"""gunicorn's settings: `gunicorn -c python:gymnasieregion.config.gunicorn gymnasieregion.config.wsgi`.

One synchronous worker per core (`GUNICORN_WORKERS` changes it). A request is work for
the processor (queries built by the ORM, templates), so threads in one Python process
only queue for the same core: in the pages bench two workers of ten threads were no
faster than two sync workers (ADR 0105). Run behind a reverse proxy that buffers slow
clients, as gunicorn's documentation advises for sync workers.
"""

import os

workers = int(os.environ.get("GUNICORN_WORKERS", "0")) or os.cpu_count() or 2
worker_class = "sync"
timeout = 60  # a decision letter PDF or an export takes seconds, never a minute

"""The scheduler: a Celery worker with embedded beat that runs the nightly demand forecast."""

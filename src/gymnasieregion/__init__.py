"""Gymnasieregion: admission, pupil register, payments and fees of a joint upper-secondary region."""

__version__ = "0.1.0"

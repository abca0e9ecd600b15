"""Database helpers shared by the apps."""

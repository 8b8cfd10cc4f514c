"""Alembic migrations of users' database files, shipped inside the package."""

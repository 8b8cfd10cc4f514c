"""Use cases, free of Qt: what the GUI and the command line both call.

Each use case opens one short transaction (``Database.transaction``) and hands
plain frozen dataclasses back, never live ORM objects.
"""

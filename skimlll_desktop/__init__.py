"""SKiMLLL Desktop: the Małopolska lifelong-learning partnership's office program."""

__version__ = "0.1.0"
APP_NAME = "SKiMLLL Desktop"
APP_ID = "skimlll-desktop"

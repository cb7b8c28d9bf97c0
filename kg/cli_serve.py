"""Commands of kg that serve (registered on the ``kg`` group)."""
from .cli import cli  # noqa: F401

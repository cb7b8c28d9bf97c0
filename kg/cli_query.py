"""Commands of kg that query (registered on the ``kg`` group)."""
from .cli import cli  # noqa: F401

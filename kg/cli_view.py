"""Commands of kg that view (registered on the ``kg`` group)."""
from .cli import cli  # noqa: F401

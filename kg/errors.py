"""The project's exceptions; the CLI turns them into one-line messages."""


class KgError(Exception):
    """Base class: anything kg reports to a user as a plain error."""


class InputError(KgError):
    """A file or argument that cannot be used."""


class QueryError(KgError):
    """A SPARQL query that is malformed or not allowed."""


class EndpointError(KgError):
    """A remote SPARQL endpoint that refused, failed or did not answer."""

"""How kg's long-running commands (``kg serve``, ``kg build --watch``) stop: cleanly, on
Ctrl-C and on the signals a service manager or a closed terminal sends."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

# SIGINT too, not left to Python's default: a process started in the background inherits
# SIGINT ignored, and Python then never turns it into KeyboardInterrupt.
STOP_SIGNALS = [s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s]


@contextmanager
def interrupt_on(*signals: int, ignore: bool = False):
    """While inside, these signals raise KeyboardInterrupt (or are ignored): clean stops."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = {}
    for number in signals:
        previous[number] = signal.signal(number, signal.SIG_IGN if ignore else interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)

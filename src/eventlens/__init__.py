"""eventlens: news reports about political crises in, verifiable PLOVER event data out."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

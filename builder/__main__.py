"""Allow ``python -m builder``."""

from __future__ import annotations

from builder.cli import main

if __name__ == "__main__":
    main()

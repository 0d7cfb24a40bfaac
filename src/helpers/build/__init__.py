"""The build: load and validate once, decide what the year publishes, run the sections, stitch and write."""

import sys

# jsonschema (under nbformat) imports rfc3987_syntax when it is installed, and that compiles its grammars at
# import: two seconds in every build process. Notebooks are checked for structure only, never for IRI formats.
sys.modules.setdefault("rfc3987_syntax", None)

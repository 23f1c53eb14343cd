"""A local, Piriod-compatible API for trying and testing piriod without a Piriod account."""

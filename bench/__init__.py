"""Measurement harness: damage generator, accuracy and speed (``python -m bench``)."""

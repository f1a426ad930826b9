"""Tests of the Sphinx extension ``cutover.sphinxext``, one module per component."""

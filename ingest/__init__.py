"""Turning raw article files into cleaned text, sections and chunks."""

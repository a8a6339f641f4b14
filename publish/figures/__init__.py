"""Illustrations drawn from pose data: one geometry, rendered to PDF, SVG and PNG."""

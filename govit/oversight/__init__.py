"""Inspections, findings, rectification orders and sanctions."""

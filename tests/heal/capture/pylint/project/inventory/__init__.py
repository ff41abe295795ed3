"""Inventory service."""

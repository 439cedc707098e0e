"""Damage models: how extraction and export damage text, as functions a filter calls."""

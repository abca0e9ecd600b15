"""The pure ring: rules and algorithms with no Django, no I/O and no clock."""

"""Views of the admissions app, one module per audience."""

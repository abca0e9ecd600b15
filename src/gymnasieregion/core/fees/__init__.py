"""Member fees of the association: the service fee, per-youth fees and the budget check."""

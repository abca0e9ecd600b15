"""Year-9 grades, merit value and eligibility by the rules of each admission year."""

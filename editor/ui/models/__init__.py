"""Qt item models and the data they show."""

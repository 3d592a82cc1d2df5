"""Language knowledge several stages share: names and titles."""

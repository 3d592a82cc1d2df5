"""Text knowledge several stages share: names and titles, numbers, quotation marks, paragraphs, word lists."""

"""The study's helpers: load and validate the data, derive the numbers, check the article, draw the charts."""

"""One module per `hubtool` command; each is a thin Click wrapper around a function that returns data."""

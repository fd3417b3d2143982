"""`citebot bench`: the engines measured on generated news archives or on an operator's own corpus."""

"""HTTP interfaces: parse input, call one selector or service, render."""

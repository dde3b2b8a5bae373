"""Planning cycles, applications, the project library and annual plans."""

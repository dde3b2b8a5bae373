"""The rule functions, by topic; rulebooks bind them to articles and parameters."""

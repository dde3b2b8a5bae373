"""等保 grading and assessments, 密评, risk assessments, penetration tests, incidents and drills."""

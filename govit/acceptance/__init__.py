"""Initial acceptance, trial run, prerequisites, the acceptance meeting, rectification, filing
and the finance notice.
"""

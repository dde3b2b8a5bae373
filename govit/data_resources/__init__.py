"""The data-resource catalogue: sharing and open catalogues, classification and grading,
sharing requests.
"""

"""Models of dashboards and exports."""

"""The demo dataset: every fact of the policy paper the tracker was built for."""

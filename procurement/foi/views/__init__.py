"""FOI pages: the calculator, public requests, the workspace, steps and calendars."""

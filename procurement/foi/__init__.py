"""FOI requests: deadlines, workflow, reminders, letters, calendars and the civil-society
workspace.
"""

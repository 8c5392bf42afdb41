"""Writes of the FOI subject: requests, their deadlines, reminders, notifications, publication."""

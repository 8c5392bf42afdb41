"""Shared by every subject: permissions, audit, deferred work, rate and upload limits, widgets;
imports no subject.
"""

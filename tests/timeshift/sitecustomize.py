"""Loaded at interpreter start (PYTHONPATH=tests/timeshift) by worker and beat processes a
test starts with TRACKER_TEST_TIME_SHIFT_SECONDS set: their clock runs that far ahead —
"beat was down for three days" without waiting three days."""

import os
import time

_shift = os.environ.get("TRACKER_TEST_TIME_SHIFT_SECONDS")
if _shift:
    import time_machine

    time_machine.travel(time.time() + float(_shift), tick=True).start()

"""The ids of the article figures the study's charts, sentences and checks are built on.

Each id is spelled here and nowhere else in the module; the data must keep these rows
(`data.load` says so when one is missing), while their values may change.
"""
START_RATE = "strikes-per-day-start"  # up to N strikes a day when the campaign began
PEAK_RATE = "strikes-per-day-peak"  # more than N strikes a day at the peak (the English version)
LAST_DAY = "strikes-2017-11-08"  # the quiet day the report ends its comparison on
PEOPLE_FREED = "people-freed"
MEMBERS = "coalition-members"
ACTIVE_MEMBERS = "active-members-named"
REPORTS_BEFORE = "reports-per-week-before"
REPORTS_AFTER = "reports-per-week-after"

CHARTED = (START_RATE, PEAK_RATE, LAST_DAY, PEOPLE_FREED, MEMBERS, ACTIVE_MEMBERS, REPORTS_BEFORE, REPORTS_AFTER)

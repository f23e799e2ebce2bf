"""The words that name a month or a weekday, in full and as outlets abbreviate them ("Sept.", "Jan"), and the time
zones a clock time is given in ("EDT", "IST").

Several readers must tell a calendar word from a name, a noun or a verb: a month is never a title's head noun
("launching Sept 23 2025"), "May" is no modal verb, "scrubs the Sept. 3 launch" names a date, not another thing.
They share this one list.
"""

from __future__ import annotations

__all__ = ["CALENDAR_WORDS"]

CALENDAR_WORDS = frozenset(
    {
        *("january", "february", "march", "april", "may", "june", "july", "august", "september", "october"),
        *("november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        # AP and other styles abbreviate months
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        # a clock's time zone follows a day and time and names no one: "rescheduled for Tuesday, March 11, at
        # 11:10 p.m. EDT", "8:40 am IST"
        *("est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "pt", "ct", "utc", "gmt", "bst", "cet"),
        *("cest", "eet", "eest", "ist", "jst", "kst", "aest", "aedt", "hkt", "sgt", "msk", "nzst", "nzdt", "wib"),
    }
)

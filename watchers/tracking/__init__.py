"""Follow-up tracking: compare what entries say with each watch's baseline and decide alerts.

The engine is pure and synchronous (state in, decisions out), so live polling and replay run exactly the same
code: live polling loads states from the database and stores the results; replay keeps them in memory.
"""

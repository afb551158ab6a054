"""Works around a defect of Ralph 5.1.0's filesystem backend for Frontline's CI.

The backend writes every batch of statements with the CREATE operation, which
refuses a file that already exists: the first statement is stored and every later
write fails with "already exists and overwrite is not allowed" (HTTP 500). APPEND
adds to the one statements file instead. Python imports this module at start when
its folder is on PYTHONPATH (`.ci/ralph/start` sets that); it touches nothing else.
"""

try:
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.data.fs import FSDataBackend
except ImportError:  # another Python program on the same PYTHONPATH: leave it alone
    pass
else:
    FSDataBackend.default_operation_type = BaseOperationType.APPEND

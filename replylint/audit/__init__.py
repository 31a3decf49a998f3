"""`replylint audit`: every agent reply in a help desk's history scored, on Dask.

The flow, one way (each module one job):

    exports.py      what each export is (format) and how it is cut into chunks
    conversations.py, rows.py, zendesk.py
                    read one chunk into messages (messages.py: the message table)
    tasks.py        the two kinds of task a worker runs: `split` a chunk into
                    buckets by conversation, `score` one bucket (requests.py turns a
                    conversation into run-layer requests; results.py makes the rows)
    driver.py       the plan, the manifest that makes a run resumable, and the
                    executors (in-process, or dask.distributed)
    results.py      replies.parquet: the row schema, part files, the ordered merge
    summary.py      summary.json from replies.parquet, streamed
    report.py       report.html from the summary (self-contained, inline SVG charts)

Why two stages: in a CSV or Parquet export a conversation's messages may be spread
over the whole file (exports are often ordered by time), and an agent reply is judged
against the customer's messages before it. So stage one hashes every message into a
bucket by conversation (a shuffle written to disk as Arrow IPC files, one record
batch per bucket) and stage two scores whole conversations. Both stages read and
write bounded pieces, so an export larger than memory goes through.
"""

"""Your data is yours: import from Strong, Hevy and FitNotes (and Thrustlog's own export),
export it all.

reading.py    bytes of an upload -> text or a JSON document (CSV or untrusted ZIP, BOM, limits)
sources.py    what every CSV parser hands on: one SourceSet per row, skipped rows, errors
strong.py     Strong's CSV layouts, any language   hevy.py   Hevy's   fitnotes.py   FitNotes'
mapping.py    exercise names -> Exercise + equipment; RPE -> RIR; the unit barbell plates say
restore.py    a Thrustlog export (JSON) -> a plan
plan.py       the rows to store, already mapped and checked against the model's rules
importer.py   preview, and import in one transaction with bulk inserts
jobs.py       imports as background jobs (models.py: ImportJob), what a request may read
spool.py      uploads waiting for their import, capped per athlete, under DATA_DIR
export.py     everything an athlete logged as JSON, and as a ZIP of CSVs (defusedcsv)
streaming.py  the same, streamed          exporting.py   a long history's export as a job
"""

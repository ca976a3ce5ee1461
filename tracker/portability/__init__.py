"""Your data is yours: import from Strong and Hevy (and Thrustlog's own export), export it all.

reading.py    bytes of an upload -> text or a JSON document (CSV or ZIP, BOM, limits)
sources.py    what every CSV parser hands on: one SourceSet per row, skipped rows, errors
strong.py     Strong's CSV layouts        hevy.py     Hevy's CSV layouts
mapping.py    exercise names -> Exercise + equipment; RPE -> RIR
restore.py    a Thrustlog export (JSON) -> a plan
plan.py       the rows to store, already mapped and checked against the model's rules
importer.py   preview, and import in one transaction with bulk inserts
export.py     everything an athlete logged as JSON, and as a ZIP of CSVs
"""

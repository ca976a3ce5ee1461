"""Strong's CSV export, in every layout and language it has written.

Layouts (columns are found by their names, so order and delimiter do not matter):
- current: "Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps",
  "Distance","Seconds","Notes","Workout Notes","RPE" (weights in the account's unit, which
  the file does not say: the athlete confirms it);
- Strong 6: "Workout #" first, units in the names ("Duration (sec)", "Weight (kg)",
  "Distance (meters)"), set order WARM_UP / FAILURE / DROP_SET besides numbers;
- semicolon-separated with "Weight Unit" and "Distance Unit" columns and "Workout Duration";
  decimals may use a comma ("102,5");
- 2016-17: the weight and distance columns named by their unit alone ("kg", "km"), set order
  counted from 0.

Strong writes the column names in the phone's language. Names are matched against `WORDS`
below; a file whose names match none is still read when its columns have the shape of one
of the layouts above (a date, text, ... in the order Strong writes them: see `by_position`).

Set order "W" and WARM_UP are warm-ups (left out and counted); FAILURE, DROP_SET ("F", "D")
are working sets. Rest-timer rows and rows without reps (cardio, timed holds) are skipped.
"""

from collections.abc import Mapping
from decimal import Decimal

from tracker.portability import sources
from tracker.portability.sources import (
    UNIT_COLUMN,
    UNIT_HEADER,
    ImportFileError,
    ParsedFile,
    Skipped,
    SourceSet,
    Table,
    normalise,
)

NAME = "Strong"

# Column names per role. English ones are Strong's own (its exports, and the public parsers
# of them). German has a public source: the column table of jjaju/statlift (columns.json,
# German iOS and Android exports), whose words Strong really writes, odd ones included
# ("Reihenfolge festlegen" for Set Order, "Wiederh." for Reps). The other languages' words
# are common translations of the English names, a best guess with no public export behind
# them; the shape check in `by_position` reads such a file even when its words differ.
WORDS: Mapping[str, tuple[str, ...]] = {
    "workout_no": ("Workout #", "Workout No", "Workout Number", "Training #", "Entrenamiento #",
                   "Séance #", "Treino #", "Тренировка #", "训练 #", "ワークアウト #"),
    "date": ("Date", "Datum", "Fecha", "Data", "Дата", "日期", "日付", "날짜"),
    "workout_name": ("Workout Name", "Trainingsname", "Workout-Name", "Name des Trainings",
                     "Nombre del entrenamiento", "Nom de l'entraînement", "Nom de la séance",
                     "Nome do treino", "Nome dell'allenamento", "Название тренировки",
                     "训练名称", "锻炼名称", "訓練名稱", "ワークアウト名", "운동 이름"),
    "duration": ("Duration", "Workout Duration", "Dauer", "Workout-Dauer", "Trainingsdauer",
                 "Duración",
                 "Durée", "Duração", "Durata", "Длительность", "Продолжительность", "时长",
                 "持续时间", "時長", "時間", "所要時間", "시간"),
    "exercise": ("Exercise Name", "Exercise", "Übungsname", "Übung", "Name der Übung",
                 "Nombre del ejercicio", "Ejercicio", "Nom de l'exercice", "Exercice",
                 "Nome do exercício", "Exercício", "Nome dell'esercizio", "Esercizio",
                 "Название упражнения", "Упражнение", "动作名称", "练习名称", "動作名稱",
                 "动作", "エクササイズ名", "種目名", "種目", "운동"),
    "set_order": ("Set Order", "Reihenfolge festlegen", "Satzreihenfolge", "Satz",
                  "Orden de la serie",
                  "Orden de serie", "Serie", "Ordre de la série", "Ordre des séries", "Série",
                  "Ordem da série", "Ordine della serie", "Порядок подходов", "Подход",
                  "Номер подхода", "组序", "组", "組序", "セット順", "セット", "세트 순서"),
    "weight": ("Weight", "Gewicht", "Peso", "Poids", "Вес", "重量", "무게",
               "kg", "kgs", "lb", "lbs"),
    "weight_unit": ("Weight Unit", "Gewichtseinheit", "Unidad de peso", "Unité de poids",
                    "Unidade de peso", "Unità di peso", "Единица веса", "重量单位", "重量單位",
                    "重量単位"),
    "reps": ("Reps", "Repetitions", "Wiederh.", "Wiederholungen", "Wdh", "Repeticiones",
             "Répétitions",
             "Reps.", "Repetições", "Ripetizioni", "Повторения", "Повторы", "次数", "次數",
             "回数", "レップ数", "레프"),
    "distance": ("Distance", "Entfernung", "Distanz", "Strecke", "Distancia", "Distância",
                 "Distanza",
                 "Расстояние", "Дистанция", "距离", "距離", "거리", "km", "mi", "miles", "m"),
    "distance_unit": ("Distance Unit", "Distanzeinheit", "Unidad de distancia",
                      "Unité de distance", "Unidade de distância", "Единица расстояния",
                      "距离单位", "距離単位"),
    "seconds": ("Seconds", "Sekunden", "Segundos", "Secondes", "Secondi", "Секунды", "秒",
                "秒数", "초"),
    "notes": ("Notes", "Notizen", "Notas", "Note", "Заметки", "Примечания", "备注", "備註",
              "メモ", "메모"),
    "workout_notes": ("Workout Notes", "Workout-Notizen", "Trainingsnotizen",
                      "Notas del entrenamiento",
                      "Notes de l'entraînement", "Notes de séance", "Notas do treino",
                      "Note dell'allenamento", "Заметки к тренировке", "训练备注", "訓練備註",
                      "ワークアウトメモ", "운동 메모"),
    "rpe": ("RPE",),
}  # fmt: skip

# The layouts by position: the roles of the columns, in the order Strong writes them.
POSITIONS: Mapping[str, tuple[str, ...]] = {
    "current layout": ("date", "workout_name", "duration", "exercise", "set_order", "weight",
                       "reps", "distance", "seconds", "notes", "workout_notes", "rpe"),
    "Strong 6 layout": ("workout_no", "date", "workout_name", "duration", "exercise",
                        "set_order", "weight", "reps", "rpe", "distance", "seconds", "notes",
                        "workout_notes"),
    "older layout, with a Weight Unit column": (
        "date", "workout_name", "exercise", "set_order", "weight", "weight_unit", "reps",
        "rpe", "distance", "distance_unit", "seconds", "notes", "workout_notes", "duration"),
}  # fmt: skip
_REQUIRED = ("date", "exercise", "set_order", "reps", "weight")
_LOOKUP = {normalise(word): role for role, words in WORDS.items() for word in words}
WARM_UP = {"w", "warm up", "warmup", "warm_up"}
WORKING = {"failure", "f", "drop set", "drop_set", "dropset", "d"}
REST = {"rest timer", "rest_timer"}


def _bare(name: str) -> str:
    """A normalised column name without its unit in brackets: "weight (kg)" -> "weight"."""
    base = name.split("(", 1)[0].strip()
    return base or name


def roles_by_name(table: Table) -> dict[str, int] | None:
    """Column index per role when the names say it (any language), else None."""
    roles: dict[str, int] = {}
    for index, name in enumerate(table.header):
        role = _LOOKUP.get(name) or _LOOKUP.get(_bare(name))
        if role is not None and role not in roles:
            roles[role] = index
    return roles if all(r in roles for r in _REQUIRED) else None


def by_position(table: Table) -> tuple[str, dict[str, int]] | None:
    """A layout read by the shape of its columns, when its names are in an unknown language:
    the count of columns is one Strong writes, and the first row has a date where the date
    goes and numbers where set order, weight and reps go."""
    first = table.peek()
    if first is None:
        return None
    _, row = first
    cells = list(row.values())
    for layout, order in POSITIONS.items():
        if len(order) != len(table.header):
            continue
        roles = {role: i for i, role in enumerate(order)}
        if _looks_like_strong(cells, roles):
            return layout, roles
    return None


def _looks_like_strong(cells: list[str], roles: dict[str, int]) -> bool:
    try:
        sources.moment(cells[roles["date"]], 0, "Date")
        for role in ("weight", "reps"):
            sources.number({"x": cells[roles[role]]}, "x", 0, role)
    except ImportFileError:
        return False
    order = cells[roles["set_order"]].strip().lower()
    return order.isdigit() or order in WARM_UP | WORKING | REST


def recognises(table: Table) -> bool:
    return roles_by_name(table) is not None or by_position(table) is not None


def parse(table: Table) -> ParsedFile:
    roles = roles_by_name(table)
    if roles is not None:
        layout = _layout_named(roles)
    else:
        found = by_position(table)
        if found is None:
            raise ImportFileError("This is not a Strong export.", line=1)
        layout, roles = found
        layout += " (column names in another language, read by their order)"
    weight_name = table.raw_header[roles["weight"]]
    header_unit = sources.unit_word(weight_name)
    unit_column = roles.get("weight_unit")
    separated = {",": "comma", ";": "semicolon", "\t": "tab"}[table.delimiter]
    parsed = ParsedFile(
        source=NAME,
        layout=f"{layout}, {separated}-separated",
        unit_in_file=bool(unit_column is not None or header_unit),
        unit_source=UNIT_COLUMN if unit_column is not None else UNIT_HEADER if header_unit else "",
    )
    names = {role: table.header[i] for role, i in roles.items()}
    reader = _Rows(names, header_unit)
    for line, row in table.lines:
        parsed.keep(reader.row(row, line))
    return parsed


def _layout_named(roles: dict[str, int]) -> str:
    if "workout_no" in roles:
        return "Strong 6 layout"
    if "weight_unit" in roles:
        return "older layout, with a Weight Unit column"
    return "current layout"


class _Rows:
    """Reads one row after another, with the column names of this file."""

    def __init__(self, names: dict[str, str], header_unit: str | None) -> None:
        self.names = names
        self.header_unit = header_unit
        self.moments = sources.Moments()

    def cell(self, row: dict[str, str], role: str) -> str:
        name = self.names.get(role)
        return row.get(name, "") if name else ""

    def row(self, row: dict[str, str], line: int) -> SourceSet | Skipped:
        order = self.cell(row, "set_order")
        exercise = self.cell(row, "exercise")
        kind = order.strip().lower()
        if kind in REST or exercise.lower() == "rest timer":
            return Skipped(line, "rest timer")
        started = self.moments(self.cell(row, "date"), line, "Date")
        if not exercise:
            raise ImportFileError("Exercise Name is empty.", line=line)
        weight = sources.number(row, self.names["weight"], line, "Weight")
        reps = sources.whole(row, self.names["reps"], line, "Reps")
        rpe = sources.number(row, self.names.get("rpe"), line, "RPE")
        unit_cell = self.names.get("weight_unit")
        unit = sources.unit_of(row[unit_cell], line) if unit_cell else self.header_unit
        if not reps:
            return Skipped(line, "no reps (a timed, distance or empty set)")
        if not (kind.isdigit() or kind in WARM_UP or kind in WORKING):
            raise ImportFileError(f'Set Order "{order[:20]}" is not one Strong writes.', line=line)
        return SourceSet(
            line=line,
            started=started,
            workout=self.cell(row, "workout_name"),
            exercise=exercise,
            set_order=order,
            warmup=kind in WARM_UP,
            weight=weight if weight is not None else Decimal(0),
            unit=unit,
            reps=reps,
            rpe=rpe,
            notes=self.cell(row, "notes"),
            workout_notes=self.cell(row, "workout_notes"),
            duration=sources.duration(self.cell(row, "duration")),
        )

"""The Paser 2022 eligibility rule in OpenFisca, vectorised over the whole population.

Usage: python paser.py APPLICANTS.csv OCCUPATIONS.toml [REPEAT]

APPLICANTS.csv has the columns occupation, domicile, birth_date (YYYY-MM-DD) and
already_covered (true/false), one applicant per line, as the benchmark harness writes them.
Prints one JSON line: the number found eligible and the seconds each evaluation took.
Only `simulation.calculate("eligible", ...)` is timed; reading the file and building the
simulation are not.
"""

import csv
import json
import sys
import time
import tomllib
from datetime import date

import numpy
from openfisca_core import periods
from openfisca_core.entities import build_entity
from openfisca_core.indexed_enums import Enum
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

PERIOD = "2022-10"
PASER_OCCUPATIONS = [
    "imam", "marbot", "guru-ngaji", "ketua-rt", "ketua-rw", "relawan-damkar",
    "relawan-bencana", "nelayan", "petani", "pelaku-umkm", "pegawai-non-asn",
]


def member(code):
    """Catalog codes use `-`; Python enum members cannot."""
    return code.replace("-", "_")


def build_system(catalog_codes):
    Person = build_entity(
        key="person", plural="persons", label="An applicant", is_person=True
    )
    Occupation = Enum("Occupation", [(member(c), c) for c in catalog_codes])
    eligible_occupations = numpy.array(
        [Occupation[member(c)].index for c in PASER_OCCUPATIONS], dtype=numpy.int16
    )

    class occupation(Variable):
        value_type = Enum
        possible_values = Occupation
        default_value = Occupation[member(catalog_codes[0])]
        entity = Person
        definition_period = periods.ETERNITY
        label = "Occupation, as a catalog code"

    class domicile(Variable):
        value_type = str
        entity = Person
        definition_period = periods.ETERNITY
        label = "Kemendagri code of the domicile (village level)"

    class birth(Variable):
        value_type = date
        entity = Person
        definition_period = periods.ETERNITY
        label = "Birth date"

    class already_covered(Variable):
        value_type = bool
        entity = Person
        definition_period = periods.ETERNITY
        label = "Already a BPJS Ketenagakerjaan participant"

    class age(Variable):
        value_type = int
        entity = Person
        definition_period = periods.MONTH
        label = "Age in whole years on the first day of the month"

        def formula(person, period):
            born = person("birth", period)
            year = born.astype("datetime64[Y]").astype(int) + 1970
            month = born.astype("datetime64[M]").astype(int) % 12 + 1
            day = (born - born.astype("datetime64[M]")).astype(int) + 1
            start = period.start
            before_birthday = (month > start.month) | (
                (month == start.month) & (day > start.day)
            )
            return start.year - year - before_birthday

    class eligible(Variable):
        value_type = bool
        entity = Person
        definition_period = periods.MONTH
        label = "Eligible for the Paser 2022 programme"

        def formula(person, period):
            occupation_ok = numpy.isin(
                person("occupation", period).view(numpy.ndarray), eligible_occupations
            )
            in_paser = numpy.char.startswith(
                person("domicile", period).astype(str), "64.01."
            )
            age = person("age", period)
            covered = person("already_covered", period)
            return occupation_ok & in_paser & (age >= 15) & (age <= 64) & ~covered

    system = TaxBenefitSystem([Person])
    for variable in (occupation, domicile, birth, already_covered, age, eligible):
        system.add_variable(variable)
    return system, Occupation


def main():
    applicants, catalog = sys.argv[1], sys.argv[2]
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    with open(catalog, "rb") as f:
        codes = [o["code"] for o in tomllib.load(f)["occupation"]]
    occupation, domicile, birth, covered = [], [], [], []
    with open(applicants, newline="") as f:
        for row in csv.DictReader(f):
            occupation.append(member(row["occupation"]))
            domicile.append(row["domicile"])
            birth.append(row["birth_date"])
            covered.append(row["already_covered"] == "true")
    system, _ = build_system(codes)
    columns = {
        "occupation": numpy.array(occupation),
        "domicile": numpy.array(domicile, dtype=object),
        "birth": numpy.array(birth, dtype="datetime64[D]"),
        "already_covered": numpy.array(covered),
    }
    seconds, count = [], None
    for _ in range(repeat):
        simulation = SimulationBuilder().build_default_simulation(system, len(occupation))
        for name, values in columns.items():
            simulation.set_input(name, periods.ETERNITY, values)
        start = time.perf_counter()
        result = simulation.calculate("eligible", PERIOD)
        seconds.append(time.perf_counter() - start)
        count = int(result.sum())
    print(json.dumps({"eligible": count, "seconds": seconds, "applicants": len(occupation)}))


if __name__ == "__main__":
    main()

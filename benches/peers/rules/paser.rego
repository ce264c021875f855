# The Paser 2022 eligibility rule in Rego (evaluated by regorus), as an OPA user would
# write it: one applicant per `input`, the programme's lists as constants.
package paser

import rego.v1

occupations := {
	"imam", "marbot", "guru-ngaji", "ketua-rt", "ketua-rw", "relawan-damkar",
	"relawan-bencana", "nelayan", "petani", "pelaku-umkm", "pegawai-non-asn",
}

# age 15 to 64 on 2022-10-01: born from 1957-10-02 to 2007-10-01 (dates as YYYYMMDD)
born_after := 19571001

born_by := 20071001

default eligible := false

eligible if {
	input.occupation in occupations
	startswith(input.domicile, "64.01.")
	input.birth_date > born_after
	input.birth_date <= born_by
	not input.already_covered
}

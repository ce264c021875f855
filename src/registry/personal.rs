//! Which registry columns hold identity or personal data, and so never leave jaring for a
//! plugin (and are masked in a redacted copy).
//!
//! Two kinds are withheld:
//! - the columns jaring reads itself ([`Field`], under every alias): NIK, name, birth date
//!   and sex as written, occupation, domicile, … — a plugin gets the normalised value it
//!   needs as a field of the applicant, never the cell;
//! - personal data a ranking has no business with: family-card numbers, phone numbers,
//!   addresses, parents' and spouses' names, bank accounts, tax and insurance numbers
//!   ([`PERSONAL_COLUMNS`]), any column with one of the [`PERSONAL_WORDS`] in its name
//!   (`nik_suami`, `nama_ibu`, `no_hp_aktif`), and the columns a catalog adds
//!   (`personal-data = [...]` in the occupation catalog).
//!
//! Names are compared the way registries write them: case, spaces and punctuation are
//! ignored (`No. KK`, `NO_KK` and `nokk` are one column).

use super::Field;

/// Personal-data columns, in their usual spellings.
pub const PERSONAL_COLUMNS: &[&str] = &[
    "no_kk",
    "nomor_kk",
    "nkk",
    "kartu_keluarga",
    "no_kartu_keluarga",
    "nomor_kartu_keluarga",
    "telepon",
    "no_telepon",
    "nomor_telepon",
    "telp",
    "no_telp",
    "hp",
    "no_hp",
    "nomor_hp",
    "handphone",
    "ponsel",
    "phone",
    "phone_number",
    "whatsapp",
    "no_wa",
    "email",
    "surel",
    "alamat",
    "alamat_lengkap",
    "address",
    "rt",
    "rw",
    "rt_rw",
    "ibu_kandung",
    "mother_name",
    "tempat_lahir",
    "birth_place",
    "place_of_birth",
    "rekening",
    "no_rekening",
    "nomor_rekening",
    "npwp",
    "no_bpjs",
    "nomor_bpjs",
    "kpj",
    "no_kpj",
    "nomor_kpj",
    "no_peserta",
    "nomor_peserta",
    "paspor",
    "passport",
    "sim",
    "foto",
    "photo",
    "tanda_tangan",
    "signature",
];

/// A word that makes any column personal wherever it stands in the name.
pub const PERSONAL_WORDS: &[&str] = &[
    "nik", "ktp", "kk", "nkk", "nama", "name", "alamat", "address", "telepon", "telp", "phone", "hp",
    "email", "rekening", "npwp", "kpj", "paspor", "passport",
];

/// Why a column is withheld from plugins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Withheld {
    /// jaring reads this column itself.
    Interpreted(Field),
    /// Identity or personal data.
    Personal,
}

/// Letters and digits only, lowercased: `No. KK` → `nokk`.
pub fn compact(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The words of a column name: `NIK-Suami` → `nik`, `suami`.
fn words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
}

/// Whether the column `name` is withheld from plugins, given the catalog's own additions.
pub fn withheld(name: &str, extra: &[String]) -> Option<Withheld> {
    let key = compact(name);
    let fields = Field::REQUIRED.iter().chain(Field::OPTIONAL.iter());
    for field in fields {
        if field.aliases().iter().any(|a| compact(a) == key) {
            return Some(Withheld::Interpreted(*field));
        }
    }
    let listed = PERSONAL_COLUMNS.iter().map(|c| compact(c)).chain(extra.iter().map(|c| compact(c)));
    let mut listed = listed;
    if listed.any(|c| c == key) || words(name).any(|w| PERSONAL_WORDS.contains(&w.as_str())) {
        return Some(Withheld::Personal);
    }
    // `namaibu`, `nikayah`: a personal word glued to another one
    if ["nik", "nama", "ktp", "alamat", "telepon", "rekening"].iter().any(|w| key.starts_with(w)) {
        return Some(Withheld::Personal);
    }
    None
}

/// Where a run of 16 or more digits (a NIK or a family-card number) starts in `text`.
pub fn long_digit_runs(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                if i - start >= 16 {
                    return Some(start..i);
                }
            } else {
                i += 1;
            }
        }
        None
    })
}

/// `text` with every run of 16 or more digits masked after its first six (`640901**********`),
/// as a redacted copy shows a NIK.
pub fn mask_digit_runs(text: &str) -> std::borrow::Cow<'_, str> {
    let runs: Vec<_> = long_digit_runs(text).collect();
    if runs.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for run in runs {
        out.push_str(&text[at..run.start + 6]);
        out.extend(std::iter::repeat_n('*', run.len() - 6));
        at = run.end;
    }
    out.push_str(&text[at..]);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_columns_are_withheld_however_they_are_spelled() {
        for name in ["nik", "NIK", " No_KTP ", "N.I.K", "nomor-induk-kependudukan", "Nama Lengkap", "nama"] {
            assert!(matches!(withheld(name, &[]), Some(Withheld::Interpreted(_))), "{name}");
        }
        assert_eq!(withheld("TGL_LAHIR", &[]), Some(Withheld::Interpreted(Field::BirthDate)));
        assert_eq!(withheld("jk", &[]), Some(Withheld::Interpreted(Field::Sex)));
        for name in
            ["no_kk", "No. KK", "NOMOR_KK", "nama_ibu_kandung", "NIK Suami", "no_hp", "Alamat", "namaibu"]
        {
            assert_eq!(withheld(name, &[]), Some(Withheld::Personal), "{name}");
        }
        assert_eq!(withheld("nomor_anggota", &["Nomor Anggota".to_owned()]), Some(Withheld::Personal));
        for name in ["urutan_usulan", "kelompok_tani", "skor", "luas_lahan_ha", "disabilitas"] {
            assert_eq!(withheld(name, &[]), None, "{name}");
        }
    }

    #[test]
    fn long_digit_runs_are_masked_after_six_digits() {
        assert_eq!(
            mask_digit_runs("NIK 6409014501800001, KK 6409010101010001."),
            "NIK 640901**********, KK 640901**********."
        );
        assert_eq!(mask_digit_runs("800/12/2025 dan 123456789012345"), "800/12/2025 dan 123456789012345");
    }
}

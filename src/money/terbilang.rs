//! An amount in Indonesian words (*terbilang*), as decrees and receipts write it beside the
//! figure: 1.626.307.200 → "satu miliar enam ratus dua puluh enam juta tiga ratus tujuh ribu
//! dua ratus".
//!
//! The rules: 10 is *sepuluh*, 11 *sebelas*, 12–19 *… belas*; 100 is *seratus* and 1.000
//! *seribu* (but 1.000.000 is *satu juta*, and 21.000 *dua puluh satu ribu*); the scales
//! above are *juta*, *miliar*, *triliun*, *kuadriliun* and *kuintiliun* (10^18).

const DIGITS: [&str; 10] =
    ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"];
/// The scale of each group of three digits, from 10^3 up.
const SCALES: [&str; 6] = ["ribu", "juta", "miliar", "triliun", "kuadriliun", "kuintiliun"];

/// `n` in words, lowercase.
pub fn terbilang(n: u64) -> String {
    if n == 0 {
        return DIGITS[0].to_owned();
    }
    // groups of three digits, lowest first
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push((rest % 1000) as u16);
        rest /= 1000;
    }
    let mut words: Vec<&str> = Vec::new();
    for (i, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            continue;
        }
        if i == 1 && g == 1 {
            words.push("seribu");
            continue;
        }
        below_thousand(g, &mut words);
        if i > 0 {
            words.push(SCALES[i - 1]);
        }
    }
    words.join(" ")
}

/// `n` (1..=999) in words.
fn below_thousand(n: u16, words: &mut Vec<&'static str>) {
    let (hundreds, rest) = (n / 100, n % 100);
    match hundreds {
        0 => {}
        1 => words.push("seratus"),
        h => words.extend([DIGITS[usize::from(h)], "ratus"]),
    }
    let (tens, ones) = (rest / 10, usize::from(rest % 10));
    match (tens, ones) {
        (0, 0) => {}
        (0, o) => words.push(DIGITS[o]),
        (1, 0) => words.push("sepuluh"),
        (1, 1) => words.push("sebelas"),
        (1, o) => words.extend([DIGITS[o], "belas"]),
        (t, 0) => words.extend([DIGITS[usize::from(t)], "puluh"]),
        (t, o) => words.extend([DIGITS[usize::from(t)], "puluh", DIGITS[o]]),
    }
}

/// An amount of rupiah in words: "… rupiah".
pub fn rupiah(n: u64) -> String {
    format!("{} rupiah", terbilang(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_said_as_a_decree_says_them() {
        assert_eq!(
            rupiah(1_626_307_200),
            "satu miliar enam ratus dua puluh enam juta tiga ratus tujuh ribu dua ratus rupiah"
        );
        let cases = [
            (0, "nol"),
            (1, "satu"),
            (10, "sepuluh"),
            (11, "sebelas"),
            (12, "dua belas"),
            (19, "sembilan belas"),
            (20, "dua puluh"),
            (21, "dua puluh satu"),
            (100, "seratus"),
            (101, "seratus satu"),
            (110, "seratus sepuluh"),
            (111, "seratus sebelas"),
            (200, "dua ratus"),
            (999, "sembilan ratus sembilan puluh sembilan"),
            (1_000, "seribu"),
            (1_001, "seribu satu"),
            (1_100, "seribu seratus"),
            (2_000, "dua ribu"),
            (11_000, "sebelas ribu"),
            (21_000, "dua puluh satu ribu"),
            (100_000, "seratus ribu"),
            (101_000, "seratus satu ribu"),
            (1_000_000, "satu juta"),
            (1_001_000, "satu juta seribu"),
            (1_000_001, "satu juta satu"),
            (50_400, "lima puluh ribu empat ratus"),
            (16_800, "enam belas ribu delapan ratus"),
            (1_000_000_000, "satu miliar"),
            (2_000_000_000_000, "dua triliun"),
            (1_000_000_000_000_000, "satu kuadriliun"),
        ];
        for (n, words) in cases {
            assert_eq!(terbilang(n), words, "{n}");
        }
        // the largest amount there is
        assert!(terbilang(u64::MAX).starts_with("delapan belas kuintiliun"), "{}", terbilang(u64::MAX));
    }
}

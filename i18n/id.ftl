# Pesan jaring dalam Bahasa Indonesia. Setiap id di sini juga ada di en.ftl (diperiksa oleh
# tes). Istilah mengikuti GLOSSARY.md.

## Bulan, untuk tanggal dalam kalimat

month-1 = Januari
month-2 = Februari
month-3 = Maret
month-4 = April
month-5 = Mei
month-6 = Juni
month-7 = Juli
month-8 = Agustus
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Desember

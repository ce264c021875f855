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

## Daftar

list-or = atau
list-and = dan

## Diagnostik: bingkai setiap masalah

severity-error = kesalahan
severity-warning = peringatan
severity-note = catatan
diag-help = saran: { $help }
diag-in-file = di { $file }
diag-line-too-long = di { $place } (baris sepanjang { $bytes } byte, terlalu panjang untuk ditampilkan)

## Kurung kurawal

unclosed-block = kurang `{"}"}`: blok yang dibuka di baris { $line } tidak ditutup
    .label = `{"}"}` seharusnya di sini
    .open = `{"{"}` ini tidak pernah ditutup
    .help-line = tambahkan `{"}"}` di baris { $line }, sejajar dengan baris yang membuka blok
    .help-end = tambahkan `{"}"}` di akhir berkas, sejajar dengan baris yang membuka blok
unclosed-block-named = kurang `{"}"}`: blok `{ $word }` yang dibuka di baris { $line } tidak ditutup
unclosed-block-never = kurang `{"}"}`: blok ini tidak pernah ditutup
    .help = tambahkan `{"}"}` pasangannya di tempat blok berakhir
missing-open-brace = kurang `{"{"}` setelah `{ $code }`
    .label = `{"{"}` seharusnya di sini
    .close = `{"}"}` ini menutup bloknya
    .help = tambahkan `{"{"}` di akhir baris { $line }
unexpected-close-brace = `{"}"}` tidak diharapkan: tidak ada blok terbuka yang perlu ditutup
    .label = tidak ada yang ditutup
    .help = hapus tanda ini, atau periksa baris di atasnya yang seharusnya diakhiri `{"{"}`

## Membaca kebijakan (sintaks)

too-complex = teks ini terlalu kusut untuk dibaca
    .help = cari tanda kutip dan kurung kurawal yang tidak pernah ditutup, dan perbaiki itu dulu
syntax = teks ini tidak dapat dibaca
    .help = periksa baris ini: mungkin ada karakter yang tersesat
block-without-statement = `{"{"}` ini membuka blok, tetapi tidak ada pernyataan sebelumnya
    .label = blok tanpa pernyataan
    .help = blok mengikuti `funding <nama>`, `occupations` atau `plugin "…"` pada baris yang sama
unclosed-text = teks dalam tanda kutip ini tidak ditutup
    .label = tidak ada `"` penutup
    .help = tambahkan `"` di akhir teks; teks dalam tanda kutip tidak boleh berlanjut ke baris berikutnya
unexpected-text-here = `{ $text }` tidak diharapkan { $place }
    .label = bukan pernyataan
    .help = setiap pernyataan diawali kata kunci; untuk menulis catatan, awali baris dengan `#`
unexpected-text-after = `{ $text }` tidak diharapkan setelah pernyataan `{ $keyword }`
    .label = bukan bagian dari pernyataan
    .help = `{ $keyword }` ditulis seperti { $example }; untuk menulis catatan, awali dengan `#`
    .help-note = untuk menulis catatan, awali dengan `#`
misplaced-statement = `{ $word }` tidak boleh ditulis { $place }
    .label = tidak boleh di sini
    .help = tempat `{ $word }` adalah { $place }
unknown-statement = `{ $word }` bukan pernyataan
    .label = pernyataan tidak dikenal
    .help = pernyataan { $place } adalah: { $statements }; untuk menulis catatan, awali baris dengan `#`
did-you-mean = maksud Anda `{ $word }`?
write-it-like = tulis seperti { $example }
write-code = tulis `{ $code }`
malformed-statement = `{ $keyword }` salah tulis: seharusnya { $expected }, tertulis { $found }
    .label = seharusnya { $expected }
found-end-of-line = akhir baris
found-text = `{ $text }`
expected-something-else = hal lain
occupation-list-commas = pekerjaan ditulis satu per baris, tanpa koma
    .label = koma tidak dipakai di sini
    .help = hapus komanya dan tulis setiap pekerjaan pada barisnya sendiri
occupation-in-quotes = pekerjaan ditulis sebagai kode katalog, tanpa tanda kutip
    .label = teks dalam tanda kutip
not-an-occupation-code = `{ $text }` bukan kode pekerjaan
    .label = seharusnya kode pekerjaan
    .help = kode pekerjaan diawali huruf, misalnya `nelayan` atau `guru-ngaji`
place-top = di bagian atas berkas
place-program = di dalam `program {"{"} … {"}"}`
place-funding = di dalam blok `funding`
place-occupations = di dalam `occupations {"{"} … {"}"}`
place-plugin = di dalam blok `plugin`
symbol = `{ $symbol }`
expect-name = sebuah nama (huruf, angka dan `-`, diawali huruf)
expect-string = teks dalam tanda kutip ganda
expect-number = bilangan bulat
expect-code = kode wilayah seperti `64.01`
expect-month = bulan seperti `2022-10`
expect-date = tanggal seperti `2022-10-01`
expect-money = jumlah rupiah seperti `Rp1.626.307.200`
expect-end-of-file = akhir berkas

## Membaca nilai (nama, uang, angka, bulan, tanggal)

bad-name = `{ $name }` bukan nama yang sah
    .label = bukan nama
    .help = nama memakai huruf, angka dan `-`, diawali huruf dan tanpa spasi: `{ $suggestion }`
    .help-example = nama memakai huruf, angka dan `-`, diawali huruf dan tanpa spasi, misalnya `apbd-2022`
money-rounded = `{ $text }` adalah angka pembulatan, bukan jumlah yang pasti
    .help-exact = tulis jumlah pasti dalam rupiah penuh sesuai dokumen anggaran; jika memang tepat { $amount }, tulis `{ $amount }`
    .help = tulis jumlah pasti dalam rupiah penuh, misalnya `Rp1.626.307.200`
money-decimal = `{ $text }` memiliki angka desimal, padahal jumlah uang ditulis dalam rupiah penuh
    .help = tulis rupiah penuh dengan `.` sebagai pemisah ribuan, misalnya `Rp1.626.307.200`
money-grouping = letak titik pada `{ $text }` salah
    .help = beri `.` setiap tiga angka dari kanan, misalnya `Rp1.626.307.200`, atau tanpa titik sama sekali: `1626307200`
money-too-large = `{ $text }` terlalu besar untuk sebuah anggaran
    .help = periksa jumlah digitnya
money-not-money = `{ $text }` bukan jumlah rupiah
    .help = tulis seperti `Rp1.626.307.200`
money-not-exact = bukan jumlah yang pasti
number-not-whole = `{ $text }` bukan bilangan bulat
    .label = bukan bilangan bulat
    .help = tulis angka seperti `32.268`
number-comma = `{ $text }` bukan bilangan bulat
    .help = pisahkan ribuan dengan `.`, bukan `,`: `{ $fixed }`
number-grouping = letak titik pada `{ $text }` salah
    .help = beri `.` setiap tiga angka dari kanan, misalnya `32.268`, atau tanpa titik sama sekali
month-is-date = `{ $text }` adalah tanggal, padahal periode ditulis per bulan
    .help = tulis bulannya saja: `{ $month }`
month-no-such = `{ $text }` bukan bulan: tidak ada bulan ke-{ $month }
    .help = bulan ditulis dari `01` sampai `12`
month-layout = `{ $text }` tidak ditulis sebagai bulan
    .label = bukan bulan
    .help-fixed = tulis tahun lebih dulu, lalu bulan: `{ $fixed }`
    .help = tulis bulan sebagai tahun-bulan, misalnya `2022-10`
date-no-such = `{ $text }` bukan tanggal: hari itu tidak ada
    .help = periksa hari dan bulannya
date-layout = `{ $text }` tidak ditulis sebagai tanggal
    .label = bukan tanggal
    .help-fixed = tulis tahun-bulan-hari: `{ $fixed }`
    .help = tulis tanggal sebagai tahun-bulan-hari, misalnya `2022-10-01`

## Berkas yang dirujuk kebijakan

not-utf8 = berkas ini bukan teks UTF-8
    .label = byte ke-{ $byte } (baris { $line }) bukan UTF-8
    .help = simpan kebijakan sebagai UTF-8 (di kebanyakan penyunting: Simpan Sebagai, pengodean UTF-8)
too-many-problems = { $more } masalah lain di berkas ini tidak ditampilkan
    .help = perbaiki dulu masalah di atas (masalah pertama sering menjadi penyebab sisanya), lalu periksa lagi
file-not-found = `{ $path }` tidak ada
    .label = berkas tidak ditemukan
    .help = jalur ini dihitung dari folder kebijakan; hapus baris `{ $keyword }` untuk memakai { $default } bawaan
unreadable-file = `{ $file }` tidak dapat dibaca: { $error }
catalog-bad-code = `{ $code }` bukan kode pekerjaan yang sah
    .help = kode memakai huruf kecil, angka dan `-`, misalnya `guru-ngaji`
catalog-bad-implies = `{ $implies }` bukan pengecualian yang dapat melekat pada pekerjaan
    .help = tulis { $choices }
catalog-ambiguous = `{ $spelling }` sudah dipakai untuk `{ $code }`
    .first = pertama dipakai di sini
    .help = satu ejaan hanya boleh untuk satu pekerjaan; hapus salah satunya
toml = berkas tidak dapat dibaca; pembaca TOML berkata: `{ $detail }`
    .help = lihat keterangan di awal berkas untuk susunan yang diharapkan
rate-unknown-benefit = program jaminan `{ $benefit }` tidak dikenal
    .help = program jaminan adalah `JKK`, `JKM` dan `JHT`
rate-not-month = `{ $text }` bukan bulan
    .help = tulis bulan seperti `2021-02`
rate-until-not-month = `until` bukan bulan
rate-ends-early = tarif ini berakhir sebelum dimulai ({ $from })
    .help = `until` adalah bulan terakhir tarif berlaku
rate-floor-above-ceiling = `floor` lebih besar dari `ceiling`
    .help = tukar keduanya
rate-formula = tarif memerlukan `flat` atau `basis_points` (dengan `floor` dan `ceiling` bila perlu)
    .help = JKM ditulis `flat = 6800`; JKK ditulis `basis_points = 100` dengan `floor` dan `ceiling`
rate-overlap = dua tarif { $benefit } berlaku pada bulan yang sama (tarif ini dan tarif mulai { $from })
    .other = tarif yang lain
    .help = akhiri tarif lama dengan `until` pada bulan sebelum tarif baru dimulai

## Memeriksa sebuah program

missing-program = berkas ini tidak berisi program
    .help = kebijakan diawali `program <nama> {"{"}` dan diakhiri `{"}"}`
extra-program = satu berkas kebijakan hanya berisi satu program
    .label = program kedua
    .first = program pertama
    .help = pindahkan program ini ke berkasnya sendiri
duplicate-statement = `{ $keyword }` ditulis dua kali
    .label = yang kedua
    .first = yang pertama
    .help = sisakan satu baris `{ $keyword }` (yang pertama ada di baris { $line })
missing-statement = program ini tidak memiliki `{ $keyword }`
    .label = `{ $keyword }` tidak ada dalam program ini
    .help = tambahkan baris seperti { $example }
duplicate-regulation = peraturan `{ $id }` dinyatakan dua kali
    .help = beri setiap peraturan namanya sendiri
first-declared-here = pertama kali dinyatakan di sini
first-listed-here = pertama kali dicantumkan di sini
already-here = sudah ada di sini
listed-twice = `{ $name }` dicantumkan dua kali
regulation-without-title = peraturan ini tidak berjudul
    .help = tulis nama lengkapnya, misalnya `"Peraturan Bupati Paser Nomor 12 Tahun 2022"`
no-legal-basis = program ini tidak menyebut dasar hukum
    .help = nyatakan dasar hukumnya dengan `regulation <nama> "<judul>"` dan rujuk pada setiap aturan
unknown-regulation = peraturan `{ $id }` belum dinyatakan
    .label = tidak dinyatakan dalam program ini
    .help-first = nyatakan dulu: `regulation { $id } "<judul lengkap peraturan>"`
    .help = nyatakan dengan `regulation { $id } "…"`, atau rujuk { $declared }
unused-regulation = peraturan `{ $id }` tidak pernah dirujuk
    .label = dinyatakan tetapi tidak dirujuk
    .help = rujuk pada aturan yang ditetapkannya, misalnya `cite { $id } "Pasal 3"`, atau hapus
uncited-rule = { $what } tidak merujuk peraturan mana pun
    .label = tidak ada `cite`
    .help = akhiri baris dengan `cite <peraturan> "<pasal>"` agar setiap keputusan dapat menyebut dasar hukumnya
rule-quota = kuota
rule-occupations = daftar pekerjaan
rule-age = batas usia
rule-residence = aturan domisili
rule-exclusion = pengecualian
rule-poverty = aturan desil kesejahteraan
empty-title = judulnya kosong
    .help = tulis nama program seperti tertulis dalam surat keputusan
malformed-region = `{ $text }` tidak ditulis sebagai kode wilayah
    .label = bukan kode wilayah
    .help-fixed = tulis `{ $code }` ({ $name })
    .help = kode wilayah ditulis dengan titik: `64` (provinsi), `64.01` (kabupaten/kota), `64.01.01` (kecamatan)
unknown-region = tidak ada wilayah `{ $text }`
    .label = tidak ada dalam daftar Kemendagri
    .help-siblings = kode wilayah di { $name } ({ $code }) adalah: { $codes }
    .help = cocokkan kode dengan daftar Kemendagri (data/wilayah.csv)
region-level = `{ $code }` adalah kecamatan atau desa/kelurahan, bukan provinsi atau kabupaten/kota
    .help = program milik provinsi atau kabupaten/kota yang membiayainya; batasi siapa yang boleh ikut dengan `residence within { $code }`
region-name = { $name }
duplicate-benefit =
    .help = cantumkan setiap program jaminan sekali saja
unknown-benefit = `{ $name }` bukan program jaminan
    .label = program jaminan tidak dikenal
    .help = program jaminannya adalah `JKK` (kecelakaan kerja), `JKM` (kematian) dan `JHT` (hari tua)
missing-benefit = program ini tidak membayar { $missing }
    .label = JKK dan JKM adalah batas minimal
    .help = peserta BPU paling sedikit ikut JKK dan JKM: tulis `benefits JKK, JKM`
wage-below-minimum = { $wage } di bawah upah terendah yang boleh dilaporkan, yaitu { $minimum }
    .label = terlalu rendah
    .help = penghasilan terendah yang dilaporkan peserta BPU ditetapkan dalam { $source }; tulis `declared-wage { $minimum }`
reversed-period = periode berakhir ({ $last }) sebelum dimulai ({ $first })
    .label = berakhir sebelum dimulai
    .help = tulis bulan awal lebih dulu: `period { $first } .. { $last }`
overlapping-periods = periode ini tumpang tindih dengan { $first } .. { $last }: keduanya mencakup { $shared }
    .label = tumpang tindih dengan periode lain
    .other = periode yang lain
    .help = satu bulan hanya dapat dibayar sekali; buat periode-periode itu berurutan
long-period = program ini mencakup { $months } bulan
    .help = anggaran daerah biasanya membiayai paling lama satu tahun anggaran (12 bulan); periksa bulannya
no-rate = tabel tarif tidak memuat tarif { $benefit } untuk { $month }
    .help = tambahkan tarif yang berlaku pada bulan itu ke tabel tarif (rates.toml)

## Sumber dana, kuota, dan cukup tidaknya anggaran

duplicate-funding = sumber dana `{ $id }` dinyatakan dua kali
    .help = beri setiap sumber dana namanya sendiri
missing-funding-kind = sumber dana `{ $id }` tidak memiliki `kind`
    .help = tambahkan `kind APBD` (atau salah satu dari { $kinds })
funding-twice = `{ $keyword }` ditulis dua kali dalam sumber dana ini
    .help-kind = satu sumber dana hanya punya satu jenis
    .help-budget = satu sumber dana hanya punya satu pagu anggaran; nyatakan sumber dana lain untuk dana tambahan
    .help-quota = satu sumber dana hanya punya satu kuota sendiri
    .help-cite = rujuk satu peraturan yang mengalokasikan dana ini
unknown-funding-kind = `{ $kind }` bukan jenis sumber dana
    .label = jenis tidak dikenal
    .help = jenisnya adalah { $kinds }
missing-budget = sumber dana `{ $id }` tidak memiliki `budget`
    .help = tambahkan jumlah dari dokumen anggaran, misalnya `budget Rp1.626.307.200`
zero-budget = pagu anggarannya nol
    .help = tulis jumlah dari dokumen anggaran
funding-quota-target = kuota sebuah sumber dana menghitung semua orang yang dibiayainya
    .label = sub-kuota tidak boleh di sini
    .help = tulis sub-kuota per pekerjaan atau per wilayah di tingkat program, di luar blok funding
what-quota = kuota
what-sub-quota = sub-kuota
funding-budget-short = sumber dana `{ $id }` tidak cukup untuk kuotanya: { $arithmetic } > pagu { $budget }
    .label = pagu anggaran terlalu kecil
    .quota = kuotanya
    .help = naikkan pagu anggaran menjadi { $need } atau turunkan kuota menjadi { $affordable }
a-larger-amount = jumlah yang lebih besar
budget-not-whole-months = { $budget } tidak habis dibagi iuran bulanan { $premium } per orang
    .label = sisa { $left }
    .help = anggaran iuran biasanya jumlah pekerja × jumlah bulan × iuran bulanan; periksa angkanya
funding-order-twice =
    .help = cantumkan setiap sumber dana sekali, sesuai urutan dana dipakai
undeclared-funding = tidak ada sumber dana `{ $name }`
    .label = belum dinyatakan
    .help = nyatakan dengan `funding { $name } {"{"} … {"}"}`
funding-order-incomplete = `funding-order` tidak memuat { $missing }
    .help = cantumkan setiap sumber dana, sesuai urutan dana dipakai
non-positive-quota = { $what } harus lebih dari nol
    .label = { $count } orang
    .help = tulis berapa orang yang diperbolehkan { $what }; hapus baris ini jika tidak ada batas
quota-too-large = `{ $count }` terlalu besar untuk { $what }
sub-quota-above-total = sub-kuota ini ({ $count }) lebih besar daripada kuota program ({ $total })
    .label = melebihi kuota total
    .help = sub-kuota membatasi sebagian program dan tidak boleh melebihi keseluruhannya
sub-quota-not-eligible = `{ $code }` bukan salah satu pekerjaan program ini
    .label = tidak memenuhi syarat
    .help = tambahkan ke `occupations {"{"} … {"}"}` atau hapus dari sub-kuota
sub-quota-region-outside = `{ $code }` ({ $name }) tidak berada di dalam wilayah program { $program }
region-in-two-sub-quotas = `{ $code }` sudah dihitung dalam sub-kuota `{ $other }`
    .help = setiap orang paling banyak masuk satu sub-kuota wilayah
sub-quotas-of-occupations = pekerjaan
sub-quotas-of-regions = wilayah
sub-quotas-exceed-total = jumlah sub-kuota { $what } melebihi kuota: { $terms } = { $sum } > { $total }
    .help = turunkan sub-kuota { $what } atau naikkan kuotanya
occupation-in-two-sub-quotas = `{ $name }` sudah masuk sub-kuota lain
    .help = setiap pekerjaan hanya boleh masuk satu sub-kuota
budget-of-one = pagu anggaran { $budget }
budget-of-several = total pagu anggaran { $budget } ({ $names })
budget-short = sumber dana tidak cukup untuk kuotanya: { $arithmetic } > { $budget }
    .label = kuota terlalu besar untuk anggarannya
    .help = naikkan pagu anggaran menjadi paling sedikit { $need }, atau turunkan kuota menjadi { $affordable } (yang dapat dibiayai { $budget })
budget-short-capacity = kuota dan pagu masing-masing sumber dana hanya cukup untuk { $capacity } orang, kurang dari kuota { $quota }
    .help = naikkan kuota salah satu sumber dana, atau turunkan kuota program
budget-unused = kuota hanya memakai { $need } dari { $budget }: { $spare } tidak terpakai (cukup untuk { $more } orang lagi)
    .help = cocokkan kuota dan anggaran dengan surat keputusan; dana yang tidak terpakai berarti ada orang yang memenuhi syarat tetapi tetap menunggu
cost-flat = { $count } × { $premium } × { $months } bulan = { $total }
cost-varying = { $count } × { $premium } (iuran selama { $months } bulan) = { $total }
too-much = terlalu banyak
occupations-cite-twice = `cite` ditulis dua kali dalam `occupations`
    .help = rujuk pasal yang memuat daftar pekerjaan cukup sekali

## Syarat kepesertaan

empty-occupations = tidak ada pekerjaan yang dicantumkan
    .help = cantumkan pekerjaan yang memenuhi syarat, satu per baris, misalnya `nelayan`
occupation-with-space = `{ $written }` bukan kode pekerjaan
    .label = kode tidak memakai spasi
occupation-synonym = `{ $written }` adalah ejaan lain dari `{ $code }`
    .label = dibaca sebagai `{ $code }`
    .help = tulis kode katalog `{ $code }`
    .help-neighbours = tulis kode katalog `{ $code }`; daftar pendaftar juga memuat { $others }, yang tidak tercakup `{ $code }`: cantumkan juga bila surat keputusan memaksudkannya
unknown-occupation = `{ $code }` tidak ada dalam katalog pekerjaan
    .label = pekerjaan tidak dikenal
    .help = pakai kode dari katalog pekerjaan (policies/occupations.toml; `jaring occupations <kata>` mencarinya), atau tambahkan pekerjaan itu ke sana
duplicate-occupation =
    .help = cantumkan setiap pekerjaan sekali saja
no-age-rule = program ini tidak memiliki batas usia
    .help = tambahkan batas usia dari peraturannya, misalnya `age 18 .. 65 at 2025-01-01`
implausible-age = `{ $age }` bukan usia yang masuk akal
    .help = usia ditulis dalam tahun penuh, misalnya `age 18 .. 65`
reversed-age = batas usianya terbalik: { $min } lebih tinggi daripada { $max }
    .label = usia termuda ditulis lebih dulu
    .help = tulis `age { $min } .. { $max }`
age-date-outside-period = usia dihitung pada { $date }, di luar periode { $first } .. { $last }
    .help = usia biasanya dihitung pada awal periode atau pada tanggal pendataan; periksa tanggalnya
no-residence-rule = program ini tidak memiliki aturan domisili: penduduk dari mana pun dapat didaftarkan
    .help = tambahkan `residence within { $region }` agar hanya penduduk setempat yang didaftarkan
region-outside-program = `{ $code }` ({ $name }) berada di luar wilayah program { $program }
    .label = di luar wilayah program
    .help = daerah membiayai penduduknya sendiri; pakai `{ $program }` atau kode di dalamnya
excluded-twice = `{ $name }` dikecualikan dua kali
    .help = kecualikan setiap kelompok sekali saja
unknown-exclusion = `{ $name }` bukan pengecualian yang dikenal jaring
    .label = pengecualian tidak dikenal
    .help = pengecualiannya adalah { $exclusions }
decile-out-of-range = `{ $decile }` bukan desil
    .label = desil berkisar dari 1 (termiskin) sampai 10
    .help = tulis desil tertinggi yang diterima program, misalnya `poverty-decile at-most 4`
children =
    .help-none = pakai kode di dalam wilayah program
    .help = wilayah di dalam { $program } adalah: { $children }

## Blok plugin dan urutan antarprogram

plugin-not-found = berkas plugin `{ $path }` tidak ditemukan
    .help = berkas dicari dari folder kebijakan, lalu setiap folder di atasnya, lalu folder saat ini; buat plugin dengan `jaring plugin build`
plugin-unreadable = berkas plugin `{ $path }` tidak dapat dibaca
plugin-not-pinned = plugin ini tidak dikunci dengan sha256-nya
    .help = tambahkan `sha256 "…"` di dalam blok plugin (dicetak oleh `jaring plugin inspect <berkas>`) agar plugin yang berubah tidak dapat berjalan tanpa diketahui
sha256-twice = `sha256` ditulis dua kali
    .help = satu plugin hanya punya satu kunci sha256
malformed-sha256 = sha256 terdiri atas 64 karakter heksadesimal
    .label = { $count } karakter
    .help = salin hash yang dicetak oleh `jaring plugin inspect` atau `sha256sum`
plugin-sha256-mismatch = `{ $path }` bukan plugin yang dikunci kebijakan ini
    .label = hash yang dikunci
    .help = sha256 berkas itu adalah { $actual }; jika plugin memang sengaja diubah dan sudah ditinjau, kunci dengan hash yang baru
param-twice = parameter `{ $name }` diberikan dua kali
    .help = berikan setiap parameter sekali saja
unknown-limit = `{ $name }` bukan batas plugin
    .help = batas-batasnya adalah { $limits }
limit-too-large = plugin paling banyak boleh memakai { $max } { $unit }
    .help = tulis `limit { $name } { $max }` atau kurang
limit-twice = `limit { $name }` ditulis dua kali
    .help = berikan setiap batas sekali saja
non-positive-limit = batas harus lebih dari nol
limit-unit-fuel = satuan bahan bakar (fuel) per pendaftar
limit-unit-memory = MiB memori
limit-unit-batch = pendaftar per panggilan
limit-unit-plugin = KiB berkas plugin
limit-unit-function = KiB kode per fungsi
yields-to-regencies = hanya program provinsi yang dapat mengalah kepada program kabupaten/kota
    .help = sebutkan program yang didahulukan: `yields-to <program>`
yields-to-self = sebuah program tidak dapat mengalah kepada dirinya sendiri
    .help = sebutkan program lain yang didahulukan

## jaring check dan jaring fmt

duplicate-program = program `{ $id }` juga ditetapkan di `{ $file }`
checked-clean = { $files } berkas kebijakan diperiksa: tidak ada masalah
checked-warnings = { $files } berkas kebijakan diperiksa: tidak ada kesalahan, { $warnings } peringatan
checked-problems = { $files } berkas kebijakan diperiksa: { $errors } kesalahan, { $warnings } peringatan
fmt-unparsable = tidak dirapikan: `{ $file }` memiliki kesalahan sintaks (jalankan `jaring check` padanya)
fmt-changed-meaning = tidak dirapikan: merapikan `{ $file }` akan mengubah maknanya; mohon laporkan kekeliruan program ini
fmt-formatted = { $changed } dari { $files } berkas dirapikan

## Kolom daftar pendaftar, dalam kata-kata

field-nik = NIK
field-name = nama
field-birth-date = tanggal lahir
field-sex = jenis kelamin
field-occupation = pekerjaan
field-domicile = domisili
field-poverty-decile = desil kesejahteraan
field-already-covered = status kepesertaan BPJS Ketenagakerjaan
field-civil-servant = status ASN
field-student = status pelajar
field-nik-status = status NIK
field-decree-number = nomor SK
field-proposer = pengusul
field-district = kecamatan
field-village = kelurahan/desa
place-district = kecamatan
place-village = kelurahan/desa

## Membaca daftar pendaftar

registry-unreadable = daftar pendaftar `{ $file }` tidak dapat dibaca: { $error }
registry-empty = daftar pendaftar `{ $file }` kosong: tidak ada baris judul kolom
registry-missing-columns = daftar pendaftar `{ $file }` tidak memiliki kolom { $missing }
    {"  "}kolom yang ada: { $found }
    {"  "}kolom yang diharapkan: { $expected }
registry-duplicate-column = kolom `{ $column }` muncul dua kali dalam daftar pendaftar `{ $file }`
registry-not-csv = daftar pendaftar `{ $file }` bukan berkas CSV: { $reason }
registry-not-text = daftar pendaftar `{ $file }` { $what ->
        [zip] adalah berkas zip yang rusak atau tidak dikenal, bukan buku kerja yang dapat dibaca (.xlsx, .xlsb, .xls, .ods)
        [pdf] adalah PDF: simpan daftarnya sebagai lembar kerja atau CSV lebih dulu
       *[other] berisi data biner, bukan berkas CSV, JSON Lines, atau buku kerja
    }
registry-not-sheet = daftar pendaftar `{ $file }` adalah buku kerja yang tidak dapat dibaca: { $reason }
registry-no-sheet = buku kerja `{ $file }` tidak memiliki lembar bernama `{ $sheet }`; lembarnya: { $sheets }

## Menjalankan

run-policies = kebijakan masih mengandung kesalahan; belum ada yang diputuskan:
    { $report }
run-unreadable-policy = kebijakan `{ $file }` tidak dapat dibaca: { $error }
run-two-catalogs = program `{ $first }` dan `{ $other }` memakai katalog pekerjaan yang berbeda ({ $first_catalog } dan { $other_catalog }); satu daftar pendaftar dibaca dengan satu katalog
run-program-twice = program `{ $id }` diberikan dua kali ({ $first } dan { $second })
run-yield-circle = program { $programs } saling mengalah secara melingkar; hapus salah satu `yields-to`
run-no-program = tidak ada program yang dijalankan
run-cannot-write = hasil tidak dapat ditulis: { $error }
run-cannot-write-log = hasil tidak dapat ditulis: log keputusan tidak dapat ditulis: { $error }
run-cannot-write-workbook = hasil tidak dapat ditulis: hasil.xlsx tidak dapat ditulis: { $error }

## Folder hasil

out-symlink = `{ $folder }` adalah tautan simbolik; berikan foldernya sendiri (jaring tidak mengganti isi yang ditunjuk tautan)
out-not-empty = `{ $folder }` sudah ada dan tidak kosong; pilih folder baru atau tambahkan --force untuk menggantinya
out-is-file = `{ $folder }` adalah berkas, bukan folder
out-cannot-use = `{ $folder }` tidak dapat dipakai: { $error }
out-holds-current = `{ $folder }` adalah folder saat ini atau memuatnya; berikan folder tersendiri untuk hasilnya
out-locked = jalannya jaring yang lain sedang menulis `{ $folder }`; tunggu sampai selesai, atau pilih folder lain
out-is-input = `{ $folder }` akan mengganti atau menulis ke dalam `{ $input }`, salah satu masukan jalannya ini; pilih folder tersendiri untuk hasilnya
out-cannot-create = `{ $folder }` tidak dapat dibuat: { $error }
out-cannot-write-in = tidak dapat menulis di `{ $folder }`: { $error }
out-cannot-publish = hasil tidak dapat diterbitkan ke `{ $folder }`: { $error }
out-cannot-move-aside = `{ $folder }` tidak dapat dipindahkan sementara: { $error }

## Membaca log sebuah jalannya

log-unreadable = `{ $path }` tidak dapat dibaca: { $error }
log-empty = `{ $path }` tidak memiliki baris kepala
log-bad-header = baris 1 `{ $path }` bukan kepala log jaring: { $reason }
log-not-utf8 = isinya bukan teks UTF-8
log-not-json = `{ $error }`
log-wrong-kind = jenisnya `{ $kind }`

## Replay dan explain

replay-policy-errors = program `{ $id }` tidak dapat diperiksa:
    { $report }
replay-unreadable-policy = kebijakan yang diarsipkan `{ $file }` tidak dapat dibaca: { $error }
replay-policy-replaces-nothing = `{ $file }` tidak menggantikan program mana pun dalam jalannya ini ({ $programs })
replay-not-a-record = baris { $line } log bukan catatan keputusan: `{ $error }`
replay-unreadable-log = log tidak dapat dibaca: { $error }
replay-redacted = ini salinan yang disamarkan: NIK telah ditutupi, sehingga NIK ganda dan urutan undian tidak dapat diputuskan ulang; lakukan replay pada folder hasil aslinya
explain-unreadable-record = sebuah catatan keputusan tidak dapat dibaca: `{ $error }`
explain-no-row = tidak ada baris { $row } dalam jalannya ini
explain-no-nik = tidak ada baris dengan NIK { $nik } dalam jalannya ini
explain-row-unreadable = baris ini tidak dapat dibaca ulang

## Plugin

plugin-batch = kelompok { $number } (pendaftar { $first }..={ $last }, seluruhnya { $size })
plugin-in-batch = {" "}pada { $batch }
plugin-log-fuel = , { $fuel } di antaranya terpakai untuk baris log
plugin-load = plugin `{ $plugin }` tidak dapat dimuat: { $reason }
plugin-hash-mismatch = plugin `{ $plugin }` bukan plugin yang dikunci: sha256-nya { $actual }, sedangkan kebijakan mengunci { $pinned }
plugin-forbidden-import = plugin `{ $plugin }` meminta `{ $import }`, yang tidak disediakan jaring: plugin hanya boleh memakai log `jaring:plugin/host` (tanpa jam, bilangan acak, berkas, jaringan, atau variabel lingkungan)
plugin-out-of-fuel = plugin `{ $plugin }` kehabisan bahan bakar (fuel){ $at }: jatahnya { $fuel } satuan ({ $per_applicant } per pendaftar){ $log }; jika plugin memang wajar membutuhkan lebih, naikkan `limit fuel-per-applicant` di blok plugin kebijakan
plugin-memory-limit = plugin `{ $plugin }` mencoba memakai memori lebih dari { $mib } MiB{ $at }; naikkan `limit memory-mib` di blok plugin kebijakan jika memang wajar membutuhkan lebih
plugin-stack-overflow = stack plugin `{ $plugin }` meluap{ $at } (rekursi terlalu dalam)
plugin-panic = plugin `{ $plugin }` berhenti karena panic{ $at }: `{ $message }`
plugin-trap = plugin `{ $plugin }` berhenti karena trap{ $at }: `{ $trap }`{ $backtrace }
plugin-contract = plugin `{ $plugin }` melanggar kontrak: { $problem }
plugin-refused = plugin `{ $plugin }` menolak berjalan: `{ $message }`
plugin-refuse = plugin `{ $plugin }` ditolak (`{ $rule }`): { $detail }
plugin-bad-info = `info()` plugin `{ $plugin }` tidak benar: { $problem }
plugin-identity-column = plugin `{ $plugin }` meminta kolom `{ $column }` dari daftar pendaftar, yang tidak pernah dikirim ke plugin: { $why }; hapus kolom itu dari atribut plugin
plugin-withheld-read = jaring membacanya sendiri sebagai { $field } dan tidak pernah meneruskan isi selnya{ $hint }
plugin-withheld-hint = {" "}(plugin menerimanya sebagai `{ $attribute }`)
plugin-withheld-personal = kolom itu memuat data identitas atau data pribadi
plugin-too-much-data = plugin `{ $plugin }` menyerahkan lebih dari { $bytes } byte sekaligus kepada host{ $at } (satu baris log atau jawabannya); turunkan `limit batch-size` jika jawabannya memang wajar sepanjang itu
plugin-batch-dependent = jawaban plugin `{ $plugin }` berubah menurut kelompoknya: untuk baris { $row } jawabannya { $first } di antara pendaftar kelompoknya, dan { $second } { $context }; jawaban hanya boleh bergantung pada program dan pendaftarnya
plugin-instantiate = plugin `{ $plugin }` tidak dapat dijalankan: `{ $reason }`
plugin-host = host plugin gagal: `{ $reason }`

## Peringatan sebuah jalannya (tidak menghentikannya)

warning-registry = daftar pendaftar: { $warning }
warning-yields-to-absent = `{ $program }` mengalah kepada `{ $other }`, yang tidak ikut dalam jalannya ini
warning-missing-column = `{ $program }`: daftar pendaftar tidak memiliki kolom `{ $column }`, sehingga aturan itu hanya dapat memakai pekerjaan (atau, untuk desil, menolak semua orang)
warning-masked-cells = `{ $program }`: { $cells } sel pada kolom yang dibaca plugin berisi 16 angka atau lebih berturut-turut (NIK atau nomor KK?); plugin menerimanya dalam bentuk tersamar setelah enam angka pertama
registry-long-record = baris data { $row } memakan { $lines } baris berkas (mulai baris { $line }): ada isian bertanda kutip yang memuat ganti baris, atau tanda `"` yang tidak pernah ditutup sehingga menelan baris-baris sesudahnya
registry-more-long-records = { $count } baris data lain memakan lebih dari { $lines } baris berkas
registry-rows-versus-lines = daftar pendaftar memiliki { $lines } baris berkas tetapi hanya { $rows } baris data: isian bertanda kutip yang memuat ganti baris menggabungkan baris (dan tanda kutip yang tidak ditutup menelan baris-baris sesudahnya)
registry-field-counts = { $rows } baris data tidak memiliki { $columns } kolom seperti baris judul: apakah pemisah kolomnya sama dengan yang dipakai baris judul?
registry-sheet-chosen = lembar `{ $sheet }` yang dibaca; buku kerja ini juga memiliki lembar { $others } (pilih dengan `--sheet NAMA`)
registry-header-below = judul kolom ada di baris { $row } lembar kerja; { $above } baris di atasnya dianggap judul dan tidak dibaca
registry-empty-rows = { $count } baris kosong di dalam tabel dilewati (baris lembar { $rows }…); nomor baris hanya menghitung baris yang dibaca
registry-cells-beyond-header = { $rows } baris berisi nilai di sebelah kanan kolom terakhir yang berjudul (pertama di baris lembar { $first }): nilai itu tidak dibaca; beri judul kolomnya agar terbaca

## Ringkasan jalannya di terminal

summary-rows = { $rows } baris = { $enrolled } peserta + { $waiting } daftar tunggu + { $rejected } ditolak + { $invalid } tidak valid
summary-program = { $id } ({ $region }), { $first } .. { $last }: { $enrolled } peserta ({ $quota }), { $waiting } dalam daftar tunggu, { $rejected } ditolak
summary-quota = kuota { $quota }
summary-no-quota = tanpa kuota
summary-money = {"  "}dana: { $used } dari { $budget } terpakai, sisa { $left }
summary-funding = { $people } orang  { $used } dari { $budget }
summary-by-district = {"  "}per kecamatan:
summary-more-districts = … { $count } lagi (summary.json)
summary-rejected = {"  "}ditolak:
summary-reason = { $words } { $count }
summary-warning = peringatan: { $warning }
summary-written = ditulis ke { $folder }
summary-chain-head = log keputusan: { $records } catatan, kepala rantai { $head }
    {"  "}simpan kepala rantai ini di luar folder (dalam surat keputusan atau berita acaranya); `jaring verify { $folder } --expect-head <kepala-rantai>` membuktikan log tidak berubah

## Keputusan: hasil, alasan dan pemeriksaan aturan
## (teks `reason_text` dalam CSV dan `message` dalam log)

outcome-enrolled = ditetapkan sebagai peserta
outcome-waiting = masuk daftar tunggu
outcome-rejected = ditolak
outcome-invalid = data tidak valid
reason-quota-full = kuota { $grouped } orang sudah terpenuhi
reason-sub-quota-full = sub-kuota { $grouped } orang untuk { $what } { $list } sudah terpenuhi
reason-sub-quota-occupations = pekerjaan
reason-sub-quota-regions = wilayah
reason-group-quota-full = jatah kuota untuk kelompok { $group } sudah terpenuhi
reason-funding-exhausted = sumber dana tidak cukup lagi untuk membiayai peserta tambahan
reason-duplicate-nik = NIK yang sama ada di baris { $first }, dan baris itulah yang diputuskan
reason-covered-by-other-program = sudah menjadi peserta `{ $program }` ({ $title }) untuk { $first } sampai { $last }
check-occupation-eligible = pekerjaan `{ $code }` ({ $label }) termasuk pekerjaan yang berhak
check-occupation-not-eligible = pekerjaan `{ $code }` ({ $label }) tidak termasuk { $eligible } pekerjaan yang berhak
check-age = berumur { $age } tahun pada { $at } (lahir { $born }); batas usia { $min } sampai { $max } tahun
check-residence-within = berdomisili di { $domicile } ({ $name }), di dalam wilayah { $within }
check-residence-outside = berdomisili di { $domicile } ({ $name }), di luar wilayah { $within }
check-excluded = dikecualikan: { $what }
check-not-excluded = { $what }
check-not-excluded-unknown = { $what } sejauh diketahui: daftar pendaftar tidak memiliki kolom `{ $column }`
check-decile = desil kesejahteraan { $decile }; batasnya desil { $max }
check-no-decile = desil kesejahteraan tidak tercantum dalam daftar pendaftar; batasnya desil { $max }
exclusion-civil-servant = berstatus ASN
    .not = bukan ASN
exclusion-student = berstatus pelajar atau mahasiswa
    .not = bukan pelajar atau mahasiswa
exclusion-already-covered = sudah terdaftar sebagai peserta BPJS Ketenagakerjaan
    .not = belum terdaftar sebagai peserta BPJS Ketenagakerjaan
exclusion-inactive-nik = NIK tidak aktif
    .not = NIK aktif
exclusion-deceased = sudah meninggal dunia
    .not = tidak tercatat meninggal dunia
why-occupation-not-eligible = pekerjaannya tidak termasuk yang berhak
why-age-outside-window = umurnya di luar batas usia
why-outside-residence = domisilinya di luar wilayah program
why-excluded = dikecualikan oleh kebijakan: { $what }
why-no-poverty-decile = desil kesejahteraannya tidak diketahui
why-poverty-decile-above-limit = desil kesejahteraannya di atas batas
why-quota-full = kuota sudah penuh
why-sub-quota-full = sub-kuota sudah penuh
why-group-quota-full = jatah kelompoknya sudah penuh
why-funding-exhausted = dananya sudah habis
why-covered-by-other-program = sudah dibiayai program lain
why-duplicate-nik = NIK yang sama sudah ada di baris sebelumnya
why-invalid-value = ada isian yang tidak valid
why-with-code = { $words } (`{ $code }`)
row-warning-nik-birth-date = tanggal lahir dalam NIK berbeda dengan kolom tanggal lahir
row-warning-nik-sex = NIK dan kolom jenis kelamin tidak sesuai
row-warning-nik-regency = NIK diterbitkan dengan kode kabupaten/kota yang sudah tidak berlaku
row-warning-domicile-without-dots = kode domisili ditulis tanpa titik dan dibaca sebagai kode bertitik

## jaring explain

explain-row = Baris { $row } — NIK { $nik }, { $name }
explain-outcome = Hasil: { $outcome }
explain-invalid = baris ini tidak dapat dibaca; kolom `{ $field }`: { $reason }
explain-note = catatan: { $note }
explain-program = Program { $id } — { $title } ({ $region }), { $first } sampai { $last }
explain-rules = Syarat:
explain-rule = { $mark } { $check } — { $cite }
explain-no-citation = (tanpa dasar hukum)
explain-plugin = Plugin { $name } { $version }: { $verdict }, prioritas { $priority }{ $group }{ $fuel }
explain-plugin-accepted = diterima
explain-plugin-rejected = ditolak
explain-plugin-group = , kelompok { $group }{ $region }
explain-plugin-fuel = ; bahan bakar (fuel) panggilan kelompoknya { $fuel }
explain-plugin-reason = { $message } (kode alasan plugin `{ $code }`)
explain-enrolled = Ditetapkan sebagai peserta, iurannya dibayar dari { $funding } ({ $kind }) — { $monthly } × { $months } bulan = { $total }
explain-funding-cite = sumber dana — { $cite }
explain-waiting = Masuk daftar tunggu pada urutan { $rank }: { $reason }; program membiayai paling banyak { $capacity } orang
explain-quota = kuota { $quota } — { $cite }
explain-rejected = Ditolak: { $reason }{ $rules }{ $text }{ $cite }
explain-by-rules = {" "}— karena syarat bertanda ✗ di atas
explain-recorded-text = {" "}— { $text }
explain-cite = {" "}({ $cite })
explain-ranking = Urutan: prioritas { $priority }{ $keys }; di antara yang setara, urutan ditentukan undian tetap yang dihitung dari NIK dan selalu sama di setiap jalannya
explain-ranking-detail = Peringkat: prioritas { $priority }{ $keys }, penentu urutan sha256(program:NIK) { $tiebreak }

## jaring verify

verify-problem-at = { $file } baris { $line }: { $what }
verify-problem = { $file }: { $what }
verify-counts = { $enrolled } peserta, { $waiting } dalam daftar tunggu, { $rejected } ditolak, { $invalid } data tidak valid
verify-csv-columns = kolom-kolomnya bukan { $columns }
verify-csv-no-column = tidak memiliki kolom `{ $column }`
verify-unreadable = tidak dapat dibaca: { $error }
verify-unreadable-csv = tidak dapat dibaca sebagai CSV: `{ $error }`
verify-csv-field = kolom `{ $column }` berisi `{ $got }`, menurut log `{ $want }`
verify-csv-field-count = barisnya berisi { $got } kolom, seharusnya { $want }
verify-csv-line = { $differences }
verify-csv-extra-lines = berkas ini memuat { $count } baris lebih banyak daripada yang tercatat dalam log
verify-csv-missing-lines = berkas ini kurang { $count } baris yang tercatat dalam log
verify-header-unreadable = kepala log tidak dapat dibaca lagi ({ $reason }): log telah diubah
verify-unknown-outcome = hasil `{ $outcome }` tidak dikenal
verify-not-a-record = baris ini bukan lagi catatan keputusan (`{ $error }`)
verify-wrong-head = kepala rantainya { $head }, bukan { $expected } yang dicatat untuk jalannya ini: log telah ditulis ulang
verify-schema-1 = log skema 1 (ditulis sebelum Desember 2026): rantainya tidak mencakup waktu mulai, dan summary.json serta teks alasan dalam CSV tidak diperiksa
verify-summary-not-json = isinya bukan lagi JSON (`{ $error }`)
verify-summary-layout = teksnya berbeda dengan jumlah yang dihitung dari log (spasi atau urutan)
verify-summary-missing = `{ $key }` tidak ada
verify-summary-extra = `{ $key }` tidak berasal dari log
verify-summary-value = `{ $key }` berisi { $got }, menurut log { $want }
verify-added-file = folder hasil hanya boleh berisi yang disebut dalam log: berkas ini ditambahkan
verify-line-changed = baris ini telah diubah: mata rantainya dan mata rantai baris berikutnya sama-sama putus di sini
verify-header-changed = kepala log telah diubah: mata rantai catatan pertama tidak cocok dengannya
verify-line-before-changed = baris ini telah diubah: baris { $line } (baris data { $row }) sesudahnya tidak lagi terantai kepadanya
verify-line-before-changed-or-moved = baris ini telah diubah, atau baris sesudahnya dihapus atau dipindahkan: baris { $line } (baris data { $row }) tidak terantai kepadanya
verify-row-again = baris data { $row } muncul lagi atau tidak urut (seharusnya baris data { $expected })
verify-row-missing = baris data { $expected } hilang (baris ini memuat baris data { $row })
verify-no-trailer = penutup log tidak ada: log terpotong
verify-bad-trailer = penutup log tidak dapat dibaca (`{ $error }`)
verify-trailer-records = penutup log menghitung { $trailer } catatan, sedangkan log memuat { $records }
verify-trailer-counts = hitungan pada penutup log ({ $trailer }) berbeda dengan hitungan catatan ({ $records })
verify-trailer-head = kepala rantai pada penutup log { $trailer } bukan hash catatan terakhir { $head }
verify-trailer-tree-head = kepala rantai pada penutup log { $trailer } bukan kepala yang dihasilkan header, jumlah catatan, dan akarnya: { $head }
verify-header-hash = kepala log telah diubah (waktunya, atau isi lainnya): header_sha256 pada penutup log tidak cocok
verify-header-rows = kepala log menyebut { $rows } baris daftar pendaftar, sedangkan log memuat { $records } catatan
artifact-path = log menyebut berkas arsip `{ $file }`, yang bukan jalur di dalam `artifacts/` berbentuk `artifacts/<sha256>.<ekstensi>`: log sudah diubah
verify-artifact-hash = sha256-nya { $actual }, bukan { $recorded } yang dicatat log (dari { $name })
verify-intact = utuh: { $records } catatan ({ $counts }); artefak, CSV dan ringkasan sesuai
    kepala rantai { $head }
verify-give-head = (berikan --expect-head dengan kepala rantai yang dicatat saat jalannya dibuat, untuk memastikan log tidak ditulis ulang)
verify-tampered = DIUBAH ATAU TIDAK KONSISTEN: { $count } masalah
verify-note = catatan: { $note }

## jaring replay dan laporan dampaknya

replay-identical = { $records } catatan diputuskan ulang: tidak ada perbedaan
replay-diverges = { $records } catatan diputuskan ulang: { $count } BERBEDA dari log
impact-heading = dampak perubahan terhadap { $records } catatan:
impact-counts = { $gains } menjadi peserta, { $losses } tidak lagi menjadi peserta, { $moves } berpindah urutan dalam daftar tunggu, { $other } perubahan lain
impact-money = dana { $program } / { $funding }: { $before } → { $after } ({ $change })
impact-gains = menjadi peserta
impact-losses = tidak lagi menjadi peserta
impact-moves = berpindah urutan
impact-other = perubahan lain
impact-list = {""}
    { $title } ({ $count }):
impact-change = baris { $row } { $nik } { $name } [{ $program }]: { $before } → { $after }
impact-more = … { $count } lagi (--format json menampilkan semuanya)
brief-not-decided = tidak diputuskan
brief-enrolled = peserta ({ $funding })
brief-waiting = daftar tunggu, urutan { $rank } ({ $reason })
brief-rejected = ditolak ({ $reason })
brief-row = { $outcome }
brief-row-differs = { $outcome } (catatannya berbeda)

## jaring explain dan export: yang perlu diberikan

explain-what = berikan NIK atau --row N
export-needs-redact = hanya salinan tersamar yang didukung: tambahkan --redact (salinan lengkap cukup dengan menyalin foldernya)
export-written = salinan tersamar ditulis ke { $folder }
export-not-intact = folder hasil tidak lolos pemeriksaan, sehingga tidak diekspor (jalankan `jaring verify` padanya):
    { $problems }
export-bad-record = sebuah catatan tidak dapat dibaca: `{ $error }`
export-io = salinan tidak dapat ditulis: { $error }

## Baris perintah: teks bantuan (`help-<perintah>-<opsi>`) dan kesalahannya

help-jaring = Penetapan peserta BPJS Ketenagakerjaan bagi pekerja rentan menurut kebijakan daerah, yang dapat diaudit
help-jaring-color = Kapan keluaran untuk dibaca orang diberi warna: `auto` (bawaan), `always` atau `never`
help-jaring-lang = Bahasa pesan: `en` (Inggris) atau `id` (Bahasa Indonesia). Bawaan: `JARING_LANG`, lalu `LC_ALL`/`LANG` bila menyebut bahasa Indonesia, selain itu bahasa Inggris
help-heading-usage = Cara pakai:
help-heading-arguments = Argumen
help-heading-options = Opsi
help-heading-commands = Perintah
help-value-command = PERINTAH
help-help = Tampilkan bantuan ini
help-version = Tampilkan versi
help-check = Periksa berkas kebijakan (atau folder berisi berkas `.policy`) dan laporkan setiap masalah
help-check-paths = Berkas atau folder; di dalam folder dicari `*.policy` (bawaan: folder saat ini)
help-check-format = `human` (untuk dibaca orang, di stderr; bawaan) atau `json` (larik di stdout)
help-fmt = Rapikan berkas kebijakan ke tata letak baku (`-` membaca stdin dan menulis ke stdout)
help-fmt-paths = Berkas atau folder; di dalam folder dicari `*.policy` (bawaan: folder saat ini)
help-fmt-check = Jangan ubah apa pun; sebutkan berkas yang belum rapi dan keluar dengan kode 1 bila ada
help-plugin = Bangun dan periksa plugin daerah
help-plugin-build = Bangun crate plugin menjadi komponen dan cetak sha256-nya
help-plugin-build-dir = Folder plugin (berisi Cargo.toml), atau modul inti tulisan tangan (`.wat` atau `.wasm`) yang mengikuti ABI kanonik kontrak
help-plugin-build-out = Tempat menulis komponen (bawaan: `<folder>/<nama>.wasm`, atau `<berkas>.component.wasm` untuk modul)
help-plugin-inspect = Tampilkan versi kontrak, impor, ekspor, ukuran dan sha256 sebuah plugin
help-plugin-inspect-file = Berkas plugin (`.wasm`)
help-plugin-inspect-format = `human` (bawaan) atau `json`
help-run = Putuskan daftar pendaftar menurut satu atau beberapa kebijakan dan tulis hasilnya
help-run-policies = Berkas kebijakan; program yang didahulukan program lain diputuskan lebih dulu
help-run-registry = Daftar pendaftar: CSV (`,` atau `;`), JSON Lines, atau buku kerja (.xlsx, .xls, .ods)
help-run-sheet = Lembar buku kerja yang dibaca (bawaan: lembar pertama yang tampak)
help-value-sheet = NAMA
help-run-xlsx = Tulis juga hasil.xlsx: hasil dalam satu buku kerja (peserta, daftar tunggu, ditolak, tidak valid, ringkasan), diperiksa verify seperti CSV-nya
help-run-out = Folder baru (atau kosong) untuk hasilnya
help-run-force = Ganti isi folder itu bila tidak kosong
help-run-quiet = Tanpa bilah kemajuan dan tanpa ringkasan di terminal
help-verify = Periksa folder hasil: rantai hash, hitungan, artefak, dan kesesuaian CSV dengan log
help-verify-dir = Folder hasil (seperti ditulis `jaring run --out`, atau salinannya)
help-verify-expect-head = Kepala rantai yang dicatat saat jalannya dibuat (dalam surat keputusan atau berita acaranya)
help-verify-format = `human` (bawaan) atau `json`
help-replay = Putuskan ulang jalannya yang tercatat dari masukannya sendiri; dengan --policy/--plugin, tunjukkan siapa yang terdampak oleh perubahan
help-replay-dir = Folder hasil (seperti ditulis `jaring run --out`, atau salinannya)
help-replay-policy = Kebijakan baru yang menggantikan program tercatat dengan id yang sama
help-replay-plugin = Plugin baru untuk program itu (sebutkan dengan --program bila jalannya memuat beberapa program)
help-replay-program = Id program yang diberi --plugin
help-explain = Jelaskan satu keputusan dengan kata-kata sederhana, beserta dasar hukum setiap syarat
help-explain-dir = Folder hasil (seperti ditulis `jaring run --out`, atau salinannya)
help-explain-nik = NIK orang tersebut
help-explain-row = Atau nomor baris dalam daftar pendaftar
help-explain-detail = Tampilkan juga yang diperiksa auditor: kode alasan, bahan bakar (fuel) plugin, nilai penentu urutan
help-export = Tulis salinan folder hasil yang dapat dibagikan, dengan NIK dan nama disamarkan
help-export-dir = Folder hasil (seperti ditulis `jaring run --out`, atau salinannya)
help-export-redact = Samarkan NIK dan nama (wajib)
help-export-out = Folder yang dibuat untuk salinannya (belum ada atau kosong)
help-export-force = Ganti isi --out bila tidak kosong
help-synth = Tulis daftar pendaftar sintetis yang realistis untuk sebuah program
help-synth-program = Berkas kebijakan program itu
help-synth-count = Jumlah baris
help-synth-seed = Benih yang sama menghasilkan daftar yang sama (bawaan: 1)
help-synth-dirty = Tambahkan kesalahan seperti pada daftar sungguhan (NIK rusak, tanggal salah, kode tak dikenal, data ganda)
help-synth-format = `csv` (bawaan), `csv-semicolon` (BOM, `;`, CRLF, seperti ekspor lembar kerja), `jsonl`, atau `xlsx` (buku kerja dengan judul di atas tabel, sel tanggal; paling banyak 1.048.572 baris)
help-synth-out = Tempat menulis (bawaan: keluaran standar)
cli-try-help = Untuk keterangan lebih lanjut, coba `--help`.
cli-unknown-argument = `{ $arg }` bukan opsi perintah ini{ $suggestion }
cli-unknown-command = `{ $command }` bukan perintah jaring{ $suggestion }
cli-invalid-value = `{ $value }` bukan nilai yang sah untuk `{ $arg }`; nilainya adalah { $valid }
cli-bad-value = `{ $value }` bukan nilai yang sah untuk `{ $arg }`
cli-missing-argument = yang berikut wajib diberikan: { $args }
cli-missing-command = sebutkan perintahnya, misalnya `jaring check` atau `jaring run`
cli-conflict = `{ $arg }` tidak dapat diberikan bersama `{ $other }`
cli-value-count = jumlah nilai untuk `{ $arg }` tidak sesuai
cli-not-utf8 = sebuah argumen bukan teks yang sah (UTF-8)
cli-unreadable = baris perintah tidak dapat dibaca
cli-unreadable-folder = folder `{ $folder }` tidak dapat dibaca: { $error }
cli-no-policies = tidak ada berkas `.policy` di `{ $folder }`
cli-no-such-path = `{ $path }` tidak ada
cli-cannot-read = `{ $file }` tidak dapat dibaca: { $error }
cli-cannot-read-stdin = masukan standar tidak dapat dibaca: { $error }
cli-cannot-write = `{ $file }` tidak dapat ditulis: { $error }
cli-cannot-write-stdout = keluaran standar tidak dapat ditulis: { $error }
cli-cannot-replace = `{ $file }` tidak dapat diganti: { $error }
stage-check = memeriksa kebijakan
stage-read = membaca daftar pendaftar
stage-write = menulis hasil dan log keputusan
stage-rules = { $program }: syarat
stage-plugin = { $program }: plugin { $plugin }
stage-independence = { $program }: pemeriksaan kemandirian plugin
stage-answers = { $program }: jawaban plugin
stage-allocation = { $program }: pembagian kuota dan dana
plugin-built = { $file } selesai dibangun ({ $bytes } byte)
plugin-pin-it = kunci di blok plugin kebijakan:  sha256 "{ $sha256 }"
plugin-inspect-file = berkas
plugin-inspect-sha256 = sha256
plugin-inspect-size = ukuran
plugin-inspect-bytes = { $bytes } byte
plugin-inspect-contract = kontrak
plugin-inspect-no-contract = tidak ada (bukan plugin jaring)
plugin-inspect-plugin = plugin
plugin-inspect-apportions = {" "}(membagi kuota)
plugin-inspect-imports = impor
plugin-inspect-exports = ekspor
plugin-inspect-none = tidak ada
plugin-inspect-loads = dimuat
plugin-inspect-yes = ya
plugin-inspect-no = tidak: { $why }
help-value-paths = JALUR
help-value-format = FORMAT
help-value-dir = FOLDER
help-value-out = FOLDER
help-value-file = BERKAS
help-value-policies = KEBIJAKAN
help-value-registry = DAFTAR
help-value-expect-head = KEPALA_RANTAI
help-value-policy = KEBIJAKAN
help-value-plugin = PLUGIN
help-value-program = PROGRAM
help-value-nik = NIK
help-value-row = BARIS
help-value-count = JUMLAH
help-value-seed = BENIH
help-value-color = WARNA
help-value-lang = BAHASA
help-value-options = [OPSI]

## Baris daftar pendaftar yang tidak valid (`reason_text` di `rejections.csv`)

verbatim = { $text }
invalid-birth-date-empty = tanggal lahir kosong
invalid-birth-date = `{ $text }` bukan tanggal; tulis TTTT-BB-HH, HH/BB/TTTT atau HH-BB-TTTT
invalid-birth-year = `{ $text }` bertahun { $year }
invalid-birth-day = tidak ada tanggal `{ $text }`
invalid-sex-empty = jenis kelamin kosong
invalid-sex = `{ $text }` bukan jenis kelamin; tulis L atau P
invalid-decile = `{ $text }` bukan desil kesejahteraan (1 sampai 10)
invalid-flag = `{ $text }` bukan ya atau tidak
invalid-nik-status = `{ $text }` bukan status NIK (aktif, tidak aktif, meninggal)
invalid-domicile-empty = kode domisili kosong
invalid-domicile-unknown = tidak ada wilayah `{ $code }`
invalid-domicile-name = tidak ada { $level } bernama `{ $name }`{ $place }{ $near }
place-in = {" "}di { $place }
place-near = ; mungkin maksudnya { $near }?
invalid-domicile-ambiguous = `{ $name }` adalah nama beberapa wilayah: { $candidates }; tulis kode domisilinya, atau sertakan kecamatannya
invalid-domicile = `{ $text }` bukan kode wilayah Kemendagri
invalid-nik-empty = NIK kosong
invalid-nik-spreadsheet = NIK diubah menjadi angka oleh aplikasi lembar kerja dan kehilangan angka terakhirnya; ekspor kolom itu sebagai teks
invalid-nik-digits = NIK hanya berisi angka
invalid-nik-length = NIK terdiri atas 16 angka, yang ini { $digits } angka
invalid-nik-province = NIK diawali kode provinsi, dan tidak ada provinsi { $province }
invalid-nik-regency = kode kabupaten/kota { $regency } dalam NIK bukan kode Kemendagri yang berlaku maupun kode lama yang dikenal
invalid-nik-date = bagian tanggal NIK `{ $date }` bukan tanggal (hari, bulan, tahun; hari perempuan ditambah 40)
invalid-nik-serial = empat angka terakhir NIK (nomor urut) tidak boleh 0000
invalid-name-empty = nama kosong
invalid-occupation-empty = pekerjaan kosong
invalid-occupation = `{ $text }` tidak ada dalam katalog pekerjaan; tambahkan ke katalog sebagai sinonim bila memang ejaan yang dipakai
invalid-not-utf8 = kolom `{ $column }` bukan teks UTF-8 (lembar kerja disimpan dengan pengodean lain?); ekspor daftar pendaftar sebagai UTF-8
invalid-json-not-object = baris ini bukan objek JSON
invalid-json = baris ini bukan JSON: `{ $error }`
invalid-field-count = baris ini berisi { $fields } kolom, sedangkan baris judul { $header }

## Yang dikatakan sistem operasi tentang berkas

io-not-found = berkas atau folder itu tidak ada
io-permission-denied = izin ditolak
io-already-exists = sudah ada
io-is-a-directory = itu folder, bukan berkas
io-not-a-directory = itu bukan folder
io-directory-not-empty = folder itu tidak kosong
io-storage-full = ruang penyimpanan penuh
io-read-only = penyimpanan hanya dapat dibaca
io-invalid-data = isinya bukan teks yang sah
io-too-large = berkas terlalu besar
io-cut-short = berkas berakhir terlalu cepat

## Jawaban plugin yang melanggar kontrak

contract-unknown-id = plugin menjawab untuk pendaftar id { $id }, yang tidak ditanyakan ({ $asked } ditanyakan, { $answered } jawaban)
contract-twice = plugin menjawab dua kali untuk pendaftar id { $id }
contract-missing = plugin tidak menjawab untuk pendaftar id { $id }{ $others } ({ $asked } ditanyakan, { $answered } jawaban)
contract-others = {" "}dan { $count } lainnya
contract-priority = prioritas { $priority } untuk pendaftar id { $id } di luar rentang 0..={ $max }
contract-group = kelompok `{ $group }` untuk pendaftar id { $id } bukan wilayah di dalam { $region } maupun pekerjaan program ini
contract-notes = { $count } catatan untuk pendaftar id { $id }; paling banyak { $max }
contract-note-long = catatan sepanjang { $bytes } byte untuk pendaftar id { $id }; paling panjang { $max }
contract-what-note = sebuah catatan
contract-what-message = pesan penolakan
contract-what-article = pasal yang dirujuk
contract-reason-code = kode alasan penolakan `{ $code }` untuk pendaftar id { $id } bukan kode pendek berhuruf kecil dengan tanda hubung
contract-reason-message = penolakan pendaftar id { $id } memerlukan pesan sepanjang 1 sampai { $max } byte
contract-article-long = penolakan pendaftar id { $id } merujuk pasal sepanjang { $bytes } byte; paling panjang { $max }
contract-regulation = penolakan pendaftar id { $id } merujuk `{ $regulation }`, yang tidak dinyatakan program ini
contract-quota-unknown-group = plugin memberi kuota kepada kelompok `{ $group }`, yang tidak ditanyakan
contract-quota-twice = plugin memberi kelompok `{ $group }` dua kuota
contract-quota-too-large = plugin memberi kelompok `{ $group }` kuota { $quota }, lebih banyak daripada { $eligible } pendaftarnya yang memenuhi syarat
contract-quota-missing = plugin tidak memberi kuota kepada kelompok `{ $group }`
contract-quota-sum = jumlah kuotanya { $sum }, bukan { $total } tempat yang dibagi
contract-control = { $what } untuk pendaftar id { $id } memuat karakter kendali (`{ $text }`); teks plugin harus dapat dicetak: tanpa ganti baris, urutan escape atau pembalik arah tulisan
plugin-backtrace = {""}
    jejak panggilan wasm (nama fungsi dari plugin):{ $frames }
info-name = nama
info-version = versi
info-too-many-columns = plugin meminta { $count } kolom daftar pendaftar; paling banyak { $max }
info-bad-column = `{ $column }` bukan nama kolom (1 sampai { $max } byte huruf, angka, spasi, `_`, `-` atau `.`)
info-column-twice = plugin meminta kolom `{ $column }` dua kali
info-not-printable = { $what } `{ $value }` harus berupa 1 sampai { $max } byte teks yang dapat dicetak
scan-plugin-size = berkasnya { $bytes } byte; paling besar { $kib } KiB; jika plugin memang wajar sebesar ini, naikkan `limit plugin-kib` di blok plugin kebijakan (paling tinggi { $max })
scan-not-wasm = berkas ini bukan komponen WebAssembly yang sah: `{ $error }`
scan-core-module = berkas ini modul inti WebAssembly, bukan komponen; bangun dengan `jaring plugin build`
scan-one-memory = plugin menyatakan { $count } memori linear; plugin harus memiliki tepat satu, dibatasi `limit memory-mib`
scan-table-size = plugin menyatakan tabel berisi { $entries } entri; tabel plugin paling banyak berisi { $max }
scan-function-size = fungsi #{ $index } berisi { $bytes } byte kode; paling besar { $kib } KiB per fungsi, agar kompilasi tetap dalam batas waktu dan memori; pecah fungsi itu, atau naikkan `limit function-kib` di blok plugin kebijakan (paling tinggi { $max })
scan-instances = plugin membuat lebih dari { $max } instans modul inti; plugin cukup memerlukan beberapa saja
scan-utf16 = plugin mengirim string sebagai UTF-16; plugin jaring memakai UTF-8 (bawaan setiap toolchain)
plugin-cannot-read = berkasnya tidak dapat dibaca: { $error }
plugin-not-contract = plugin tidak mengikuti kontrak { $contract }: `{ $error }`
plugin-too-demanding = plugin meminta lebih banyak daripada yang diberikan kepada satu instans plugin: `{ $error }`
plugin-asked-alone = saat ditanyakan sendirian
plugin-asked-mixed = saat ditanyakan bersama pendaftar lain, dalam urutan lain dan dengan id lain
plugin-answer = “{ $verdict }, prioritas { $priority }{ $group }{ $notes }”
plugin-answer-accept = terima
plugin-answer-reject = tolak `{ $reason }`
plugin-answer-group = , kelompok `{ $group }`
plugin-answer-notes = , catatan `{ $notes }`
warning-policy-at = { $file } baris { $line }: { $warning } [`{ $code }`]
warning-policy = { $file }: { $warning } [`{ $code }`]

## Mencari wilayah dan pekerjaan

level-province = provinsi
level-regency = kabupaten/kota
level-district = kecamatan
level-village = desa/kelurahan
occupation-neighbours = pekerjaan yang ejaannya mirip dalam daftar pendaftar, tidak dicantumkan: { $pairs }
    .help = daftar pendaftar memakai ejaan itu untuk pekerjaan lain; tambahkan ke `occupations` bila surat keputusan juga memaksudkannya (`jaring occupations <kata>` menampilkan setiap ejaan)
occupation-neighbour = `{ $code }` tidak mencakup { $others }
region-by-name = `{ $name }` adalah nama wilayah; kebijakan menyebut wilayah dengan kode Kemendagri-nya
    .label = nama, bukan kode
    .help-one = tulis `{ $code }` ({ $path })
    .help-many = mungkin yang dimaksud { $candidates }; `jaring regions { $name }` menampilkannya beserta kodenya
    .help-none = tidak ada wilayah bernama itu; cari kodenya dengan `jaring regions <nama>`
lookup-no-region = tidak ada wilayah `{ $code }`
lookup-no-region-named = tidak ada wilayah bernama seperti `{ $name }`; coba dengan lebih sedikit kata, atau dengan kode
lookup-bad-catalog = katalog pekerjaan mengandung kesalahan:
    { $report }
lookup-reads-as = `{ $written }` dalam daftar pendaftar dibaca sebagai `{ $code }` ({ $label })
lookup-reads-as-nothing = `{ $written }` bukan ejaan yang dikenal katalog: baris seperti itu tidak valid
lookup-spellings = ejaan dalam daftar pendaftar: { $spellings }
lookup-neighbours = ejaannya bertumpang tindih dengan { $others }: mencantumkan `{ $code }` tidak mencantumkan itu
help-regions = Cari kode Kemendagri sebuah wilayah menurut namanya (atau nama sebuah kode), seperti yang diperlukan kebijakan
help-regions-query = Nama seperti biasa ditulis (`Samarinda Ulu`, `Kab. Paser`, `kec sepaku`) atau sebuah kode
help-regions-within = Hanya wilayah di dalam kode ini
help-regions-limit = Berapa banyak yang ditampilkan (bawaan: 20)
help-regions-format = `human` (bawaan) atau `json`
help-occupations = Cari kode pekerjaan menurut sebuah kata, beserta setiap ejaan dalam daftar pendaftar dan kode yang dibaca darinya
help-occupations-word = Sebuah kata atau ejaan dari daftar pendaftar (`PEDAGANG`, `pedagang kaki lima`)
help-occupations-catalog = Katalog pekerjaan (bawaan: `occupations.toml` di sini atau di `policies/`, selain itu katalog bawaan)
help-occupations-format = `human` (bawaan) atau `json`
help-value-query = NAMA
help-value-within = KODE
help-value-limit = N
help-value-word = KATA
help-value-catalog = BERKAS

## jaring test

cases-unreadable = `{ $file }` tidak dapat dibaca: { $error }
cases-toml = baris { $line } `{ $file }` tidak dapat dibaca; pembaca TOML berkata: `{ $detail }`
cases-bad-case = `{ $file }`, kasus “{ $case }”: { $problem }
cases-reason-only-rejected = `reason` hanya dipakai bersama `expect = "rejected"`
cases-bad-expect = `expect` diisi `eligible`, `rejected` atau `invalid`, bukan `{ $expect }`
cases-bad-value = nilai `{ $column }` (`{ $value }`) bukan teks, angka, ya/tidak, maupun tanggal
cases-policy = kebijakan `{ $file }` mengandung kesalahan, sehingga kasusnya tidak dapat diputuskan:
    { $report }
cases-no-program = `{ $file }` tidak berisi program
test-none-in = tidak ada berkas `*.tests.toml` di `{ $folder }`
test-no-file = `{ $policy }` belum memiliki berkas uji: tulis kasusnya di `{ $tests }`
test-file = { $tests } (program `{ $program }`)
test-passed = ✓ { $name }
test-failed = ✗ { $name }: seharusnya { $expected }, tetapi { $got }
test-eligible = memenuhi syarat
test-rejected = ditolak
test-rejected-for = ditolak dengan alasan `{ $code }`
test-invalid = datanya tidak valid
test-got-rejected = ditolak dengan alasan `{ $code }` ({ $text })
test-got-invalid = datanya tidak valid (`{ $field }`: { $text })
test-coverage = syarat (setiap syarat sebaiknya dipenuhi oleh suatu kasus dan tidak dipenuhi oleh kasus lain):
test-rule = { $mark } { $rule } — dipenuhi { $passed } kasus, tidak dipenuhi { $failed } kasus
test-all-passed = { $total } kasus dalam { $files } berkas: semuanya sesuai
test-some-failed = { $total } kasus dalam { $files } berkas: { $failed } TIDAK SESUAI
help-test = Putuskan kasus yang ditulis di samping setiap kebijakan (`x.tests.toml` di samping `x.policy`) dan sebutkan yang hasilnya tidak sesuai harapan
help-test-paths = Berkas uji, kebijakan (berkas ujinya yang dipakai) atau folder (dicari `*.tests.toml`; bawaan: folder saat ini)
help-test-coverage = Tampilkan juga setiap syarat kebijakan dan berapa kasus yang memenuhi dan tidak memenuhinya
help-test-format = `human` (bawaan) atau `json`
rule-words-occupation = pekerjaan salah satu dari { $codes }
rule-words-age = berusia { $min } sampai { $max } tahun pada { $at }
rule-words-residence = berdomisili di { $codes }
rule-words-decile = desil kesejahteraan paling tinggi { $max }
rule-reserve = alokasi khusus
what-reserve = alokasi khusus
reserve-above-total = alokasi khusus ini ({ $count }) lebih besar daripada kuota program ({ $total })
    .help = alokasi khusus menyisihkan sebagian kuota untuk suatu kelompok dan tidak boleh melebihi seluruh kuota
reserve-without-quota = tempat hanya dapat disisihkan dari sebuah kuota
    .help = tulis `quota` program terlebih dahulu; alokasi khusus menyisihkan sebagian darinya
reserves-exceed-total = jumlah alokasi khusus melebihi kuota: { $terms } = { $sum } > { $total }
    .help = turunkan alokasi khusus atau naikkan kuotanya
summary-sub-quota = {"  "}sub-kuota untuk { $group }: { $enrolled } dari { $count } ditetapkan, { $waiting } dalam daftar tunggu
summary-reserve = {"  "}alokasi khusus untuk { $group }: { $filled } dari { $count } tempat terisi, { $waiting } dalam daftar tunggu ({ $unused })
summary-reserve-released = tempat yang tidak terisi diberikan kepada yang lain
summary-reserve-kept = tempat yang tidak terisi dibiarkan kosong
rule-rank = urutan prioritas
expect-rank-key = kunci urutan (`poverty-decile`, `age` atau `column <nama>`, lalu `ascending` atau `descending`)
rank-personal = daftar tunggu tidak boleh diurutkan menurut `{ $column }`: kolom itu memuat data identitas atau data pribadi
    .help = urutkan menurut yang disebut surat keputusan: `poverty-decile`, `age`, atau kolom seperti urutan usulan (`column urutan_usulan`)
unknown-rank-key = `{ $key }` bukan dasar pengurutan
    .help = urutkan menurut `poverty-decile`, `age`, atau kolom daftar pendaftar: `column { $key }`
rank-key-twice =
    .help = setiap kunci dipakai sekali saja
summary-order = {"  "}urutan: { $steps } (undian menempatkan { $draw } orang di belakang orang yang setara)
order-plugin = prioritas dari plugin
order-draw = undian menurut NIK
explain-keys = , lalu { $keys }
explain-key = `{ $key }` ({ $value })
explain-key-missing = tidak diketahui, sehingga paling belakang

## jaring diff

diff-heading = { $program }: { $old } → { $new }
diff-none = orang yang memenuhi syarat tetap sama, dan setiap angkanya sama
diff-gains = menjadi memenuhi syarat: { $who }
diff-loses = tidak lagi memenuhi syarat: { $who }
diff-everyone = semua orang
diff-any-listed = pekerjaan mana pun yang tercantum
diff-occupations = pekerjaan { $codes }
diff-born = lahir { $lo } … { $hi }
diff-born-aged = lahir { $lo } … { $hi } (berusia { $young } sampai { $old } tahun pada { $at })
diff-open = (berapa pun)
diff-living-in = berdomisili di { $area }
diff-living-in-except = berdomisili di { $area } tetapi tidak di { $except }
diff-flag = { $what }: { $values }
diff-flag-yes = ya
diff-flag-no = tidak
diff-flag-unknown = tidak tercatat
diff-nik-status = status NIK { $values }
diff-status-active = aktif
diff-status-inactive = tidak aktif
diff-status-deceased = meninggal dunia
diff-decile = desil kesejahteraan { $values }
diff-decile-none = tidak tercatat
diff-figure = { $what }: { $old } → { $new }
diff-figure-quota = kuota
diff-figure-period = periode
diff-figure-benefits = program jaminan
diff-figure-wage = upah yang dilaporkan
diff-figure-premium = iuran per peserta
diff-figure-budget = pagu anggaran
diff-figure-funding = sumber dana
diff-figure-groups = sub-kuota dan alokasi khusus
diff-figure-rank = urutan prioritas
diff-plugin-same = plugin juga ikut memutuskan (sama pada kedua versi): di antara yang memenuhi syarat, plugin masih dapat menolak atau mengurutkan
diff-plugin-changed = pluginnya berubah: siapa pun yang memenuhi syarat pada kedua versi dapat diputuskan berbeda; `jaring replay --plugin` menunjukkan siapa saja pada sebuah daftar pendaftar
help-diff = Sebutkan dengan tepat siapa yang menjadi atau tidak lagi memenuhi syarat karena perubahan kebijakan (setiap pendaftar yang mungkin, bukan sampel) dan angka mana yang berubah
help-diff-old = Kebijakan seperti sekarang
help-diff-new = Kebijakan setelah diubah
help-diff-format = `human` (bawaan) atau `json`
help-value-old = LAMA
help-value-new = BARU
diff-otherwise = { $who } (dan memenuhi setiap syarat lain pada kedua versi)
warning-rank-column = `{ $program }`: daftar pendaftar tidak memiliki kolom `{ $column }`, sehingga `rank by column { $column }` menganggap semua orang setara
explain-sub-quota = Termasuk sub-kuota untuk { $group }: { $enrolled } dari { $count } ditetapkan, { $waiting } dalam daftar tunggu
explain-reserve = Termasuk alokasi khusus untuk { $group }: { $filled } dari { $count } tempat terisi, { $waiting } dalam daftar tunggu

## hasil.xlsx: lembar, judul kolom, baris ringkasan, dan temuan verify di dalamnya
sheet-title = Hasil penetapan
sheet-enrolled = Peserta
sheet-waiting = Daftar tunggu
sheet-rejected = Ditolak
sheet-invalid = Tidak valid
sheet-summary = Ringkasan
col-row = Baris
col-nik = NIK
col-name = Nama
col-program = Program
col-funding-source = Sumber dana
col-first-month = Bulan pertama
col-last-month = Bulan terakhir
col-months = Jumlah bulan
col-monthly-premium = Iuran per bulan (Rp)
col-total-premium = Jumlah iuran (Rp)
col-occupation = Kode pekerjaan
col-occupation-name = Pekerjaan
col-domicile = Kode wilayah
col-district-name = Kecamatan
col-village-name = Desa/kelurahan
col-rank = Urutan
col-priority = Prioritas
col-reason = Kode alasan
col-reason-text = Alasan
col-citation = Dasar hukum
col-field = Kolom
col-outcome = Hasil
col-other = { $name }
sum-registry = Daftar pendaftar
sum-rows = Jumlah baris
sum-enrolled = Peserta
sum-waiting = Daftar tunggu
sum-rejected = Ditolak
sum-invalid = Baris tidak valid
sum-duplicates = NIK ganda
sum-invalid-field = Tidak valid karena { $field }
sum-registry-sha256 = Berkas daftar pendaftar (sha256)
sum-chain-head = Kepala rantai log keputusan
sum-program = Program { $id }
sum-title = Judul
sum-region = Wilayah
sum-period = Periode
sum-quota = Kuota
sum-budget = Anggaran
sum-used = Iuran yang dibayar
sum-left = Sisa anggaran
sum-funding-enrolled = { $id }: jumlah orang
sum-funding-used = { $id }: iuran yang dibayar (anggaran { $budget })
sum-waiting-reason = Daftar tunggu: { $reason }
sum-rejected-reason = Ditolak: { $reason }
sum-district = Peserta di { $name } ({ $code })
verify-workbook-unreadable = tidak dapat dibaca sebagai buku kerja: { $error }
verify-workbook-source = tidak dapat dibandingkan dengan { $file }: { $error }
verify-workbook-no-sheet = tidak punya lembar `{ $sheet }`
verify-workbook-sheet-name = lembar `{ $sheet }` ada di tempat yang seharusnya `{ $want }`
verify-workbook-extra-sheet = punya lembar `{ $sheet }` yang tidak menampilkan berkas mana pun dari hasil ini
verify-workbook-sheet-unreadable = sebuah lembar tidak dapat dibaca: { $error }
verify-workbook-gap = ada baris yang hilang sebelum baris ini (seharusnya baris { $row })
verify-workbook-headings = judul kolomnya bukan { $headings }
verify-workbook-extra-row = punya baris yang tidak ada di { $file }
verify-workbook-missing-rows = kurang { $count } baris dari { $file }
verify-workbook-cell = `{ $column }` berisi `{ $got }`, menurut berkas hasil `{ $want }`
verify-in-sheet = lembar `{ $sheet }`: { $what }

## jaring annex dan jaring report
office-not-a-run = `{ $folder }` bukan folder hasil: tidak ada decisions.jsonl di dalamnya
office-not-intact = folder hasil tidak lolos pemeriksaan ({ $count } masalah), jadi tidak ada yang dibuat darinya; `jaring verify` menyebutkannya:
office-old-log = log hasil ini berskema { $schema }, lebih lama dari yang diperlukan dokumen ini; jalankan ulang dengan jaring versi ini
office-no-program = hasil ini tidak memuat program `{ $id }`; programnya: { $ids }
office-which-program = hasil ini memutuskan beberapa program: sebutkan satu dengan --program ({ $ids })
office-out-in-run = `{ $file }` akan berada di dalam folder hasil, yang lalu tidak lolos pemeriksaan lagi; tulis di tempat lain
office-out-is-folder = `{ $file }` adalah folder; berikan nama berkas
office-out-exists = `{ $file }` sudah ada; berikan nama lain, atau --force untuk menggantinya
office-cannot-write = `{ $file }` tidak dapat ditulis: { $error }
office-unreadable = { $file } tidak dapat dibaca: { $error }
office-written = ditulis ke { $file }
annex-kind = `{ $file }`: lampiran ditulis sebagai .xlsx atau .pdf; akhiri namanya dengan salah satunya
annex-too-long-for-xlsx = lampiran ini perlu { $lines } baris, lebih dari yang muat di satu lembar kerja (1.048.576); tulis sebagai .pdf
annex-annex = LAMPIRAN
annex-title = Daftar peserta: { $title }
annex-facts = Wilayah: { $region } ({ $code }) · Periode: { $period } · Iuran per orang: { $premium }
annex-period = { $first } sampai { $last } ({ $months } bulan)
annex-no-period = tanpa bulan
annex-legal-basis = Dasar hukum:
annex-col-number = Nomor
annex-col-months = Bulan
annex-col-premium = Iuran (Rp)
annex-district = Kecamatan { $name } ({ $code })
annex-village = Desa/Kelurahan { $name } ({ $code })
annex-no-district = Domisili dikodekan di atas tingkat kecamatan
annex-no-village = Domisili dikodekan sampai tingkat kecamatan
annex-village-total = Jumlah { $name }: { $people } orang
annex-district-total = Jumlah Kecamatan { $name }: { $people } orang
annex-grand-total = JUMLAH SELURUHNYA: { $people } orang
annex-in-words = Terbilang: { $words }
annex-nobody = Tidak ada peserta yang ditetapkan dalam program ini.
annex-continued = { $district } · { $village } (lanjutan)
annex-footer = Program { $id } · kepala rantai log keputusan { $head } (jaring verify FOLDER_HASIL --expect-head { $head })
annex-page = Halaman { $page } dari { $pages }
annex-written = lampiran { $id } ditulis ke { $file }: { $people } orang di { $districts } kecamatan, { $total } ({ $words })
help-annex = Tulis lampiran surat keputusan dari suatu hasil: peserta per kecamatan dan desa, dengan subtotal dan jumlah terbilang, sebagai .xlsx atau .pdf
help-annex-dir = Folder hasil (harus lolos pemeriksaan)
help-annex-out = Berkas yang ditulis: nama berakhiran .xlsx atau .pdf
help-annex-program = Programnya, bila hasil itu memutuskan beberapa program
help-annex-expect-head = Kepala rantai yang dicatat saat penetapan; lampiran hanya dibuat bila log masih berakhir di situ
help-annex-force = Ganti berkasnya bila sudah ada
report-title = Laporan hasil penetapan
report-registry = Daftar pendaftar
report-registry-sha256 = Berkas daftar pendaftar (sha256)
report-started = Penetapan dimulai
report-chain-head = Kepala rantai log keputusan
report-made-by = Dibuat dengan
report-rows = Setiap baris daftar pendaftar, dihitung sekali
report-rows-reconciled = { $rows } baris = { $enrolled } peserta + { $waiting } daftar tunggu + { $rejected } ditolak (termasuk { $duplicates } yang mengulang NIK sebelumnya) + { $invalid } tidak valid
report-enrolled = Peserta
report-waiting = Daftar tunggu
report-rejected = Ditolak
report-invalid = Tidak valid
report-used = Iuran yang dibayar
report-left = Sisa anggaran
report-money = Dana terhadap anggaran, per sumber dana
report-all-sources = Semua sumber
report-of = { $part } dari { $whole } ({ $percent })
report-quota = Kuota
report-no-quota = Program ini tanpa kuota: hanya anggaran yang membatasinya.
report-sub-quota = Subkuota { $group }
report-reserve = Cadangan { $group }
report-filled = Terisi
report-open = Belum terisi
report-by-district = Peserta dan daftar tunggu per kecamatan
report-enrolled-waiting = { $enrolled } peserta, { $waiting } menunggu
report-waiting-reasons = Mengapa orang masuk daftar tunggu
report-rejected-reasons = Mengapa orang ditolak
report-invalid-rows = Baris tidak valid, per kolom
report-duplicates = Baris yang mengulang NIK sebelumnya (ditolak): { $count }
report-warnings = Peringatan dari penetapan ini
report-none = Tidak ada.
report-program-facts = Program { $id } · { $region } · { $first } sampai { $last } · iuran per orang { $premium }
report-foot = Dibuat oleh jaring dari folder hasil yang lolos pemeriksaan; setiap angka berasal dari summary.json dan waiting_list.csv, yang dicocokkan dengan log keputusan berkepala rantai { $head }.
help-report = Tulis laporan hasil yang mudah dibaca: satu berkas HTML yang terbuka tanpa internet dan dapat dicetak (jumlah, dana terhadap anggaran, kuota, kecamatan, alasan)
help-report-dir = Folder hasil (harus lolos pemeriksaan)
help-report-out = Berkas HTML yang ditulis
help-report-expect-head = Kepala rantai yang dicatat saat penetapan; laporan hanya dibuat bila log masih berakhir di situ
help-report-force = Ganti berkasnya bila sudah ada
summary-duplicates = {"  "}dari { $rejected } yang ditolak, { $count } mengulang NIK yang sudah ada dan tidak sampai ke program mana pun: { $rows }{ $more }
summary-duplicate-row = baris { $row } (sama dengan baris { $first })
summary-invalid = {"  "}tidak valid: { $fields }
summary-invalid-field = { $field } { $count } (baris { $rows }{ $more })
summary-and-more = {" "}dan { $more } lagi
summary-waiting = {"  "}daftar tunggu:
synth-xlsx-needs-out = buku kerja tidak ditulis ke terminal: berikan --out BERKAS.xlsx
synth-cannot-make = daftar pendaftar tidak dapat dibuat: { $error }
office-head-changed = folder hasil berubah selagi dokumen dibuat; coba lagi

## jaring serve
serve-path-refused = `{ $path }` bukan berkas kebijakan di dalam folder yang diberikan kepada meja kerja ini
serve-unreadable = `{ $path }` tidak dapat dibaca: { $error }
serve-not-utf8 = `{ $path }` bukan teks UTF-8
serve-changed-on-disk = `{ $path }` berubah di disk sejak dibuka (atau baru dibuat); muat ulang sebelum menyimpan, agar suntingan siapa pun tidak hilang
serve-cannot-save = `{ $path }` tidak dapat disimpan: { $error }
serve-path-outside = `{ $path }` berada di luar folder kebijakan: meja kerja tidak membaca berkas di sana
    .help = sebut berkasnya dengan jalur di dalam folder, tanpa `..`
serve-fix-replace = ganti `{ $written }` dengan `{ $with }`
serve-token-needed = mendengarkan di luar komputer ini memerlukan --token paling sedikit 16 karakter: setiap permintaan lalu harus membawanya
serve-no-folder = folder kebijakan `{ $folder }` tidak dapat dibuka: { $error }
serve-no-valid-policy = tidak ada kebijakan di `{ $folder }` yang lolos pemeriksaan: daftar pendaftar memerlukan satu untuk dibaca (katalog dan wilayahnya)
serve-no-registry = daftar pendaftar tidak dapat dimuat: { $error }
serve-cannot-listen = tidak dapat mendengarkan di { $addr }: { $error }
serve-cannot-start = meja kerja berhenti: { $error }
serve-wrong-host = permintaan ini menyebut server lain (Host): ditolak
serve-token-missing = meja kerja ini memerlukan tokennya: buka alamat yang dicetaknya, dengan ?token=
serve-failed = permintaan gagal di dalam meja kerja
serve-cannot-format = teksnya punya kesalahan sintaksis: dirapikan setelah kesalahannya diperbaiki
serve-has-errors = kebijakannya punya kesalahan: dampaknya ditampilkan setelah lolos pemeriksaan
serve-plugin-not-pinned = plugin `{ $path }` tidak dikunci dengan sha256: meja kerja hanya menjalankan plugin yang dikunci
serve-no-population = belum ada daftar pendaftar yang dimuat: mulai dengan --registry BERKAS atau --run FOLDER_HASIL untuk melihat dampak suntingan
serve-preview-failed = program tidak dapat memutuskan daftar pendaftar: { $error }
serve-tests-failed = kasus uji tidak dapat dijalankan: { $error }
serve-case-eligible = berhak
serve-no-preview = buat pratinjau berkas ini dahulu
serve-no-row = daftar pendaftar tidak punya baris { $row }
serve-row-invalid = baris { $row } tidak valid: tidak dapat menjadi kasus uji
serve-listening = meja kerja ada di { $url } (Ctrl-C menghentikannya)
ui-save = Simpan
ui-saved = Tersimpan (dirapikan)
ui-saved-unformatted = Tersimpan apa adanya (ada kesalahan sintaksis, jadi belum dirapikan)
ui-reveal = tampilkan NIK lengkap
ui-problems = Masalah
ui-no-problems = Tidak ada masalah.
ui-line = baris
ui-effect = Dampak pada daftar pendaftar
ui-no-registry = Belum ada daftar pendaftar: mulai jaring serve dengan --registry BERKAS atau --run FOLDER_HASIL.
ui-enrolled = peserta
ui-waiting = daftar tunggu
ui-rejected = ditolak
ui-invalid = tidak valid
ui-money = Dana per sumber dana
ui-used = iuran
ui-budget = anggaran
ui-total = semua sumber
ui-quota = Kuota
ui-gains = Yang mendapat tempat
ui-losses = Yang kehilangan tempat
ui-slices = Yang menjadi berhak atau tidak (dibanding berkas tersimpan)
ui-took = diputuskan dalam
ui-row = baris
ui-name = nama
ui-keep = jadikan kasus uji
ui-case-name = Nama kasus uji
ui-case-added = Kasus uji ditambahkan
ui-tests = Kasus uji
ui-no-tests = Belum ada kasus uji di
ui-coverage = Aturan: kasus yang lolos / gagal pada tiap aturan
ui-ready = Siap
help-serve = Buka meja kerja: sunting kebijakan di peramban dengan masalah langsung, pencarian kode, dampak pada daftar pendaftar dan kasus uji
help-serve-dir = Folder kebijakan (bawaan: folder saat ini); meja kerja hanya membaca dan menulis di situ
help-serve-registry = Daftar pendaftar untuk melihat dampak setiap suntingan
help-serve-run = Folder hasil yang daftar pendaftar tercatatnya menunjukkan dampak setiap suntingan
help-serve-port = Porta (bawaan: 7878; 0 memilih yang kosong)
help-serve-listen = Dengarkan di alamat lain (perlu --token)
help-serve-token = Token yang harus dibawa setiap permintaan (paling sedikit 16 karakter)
help-serve-no-browser = Jangan buka peramban
verify-trailer-root = penutup log menyebut pohon berdaun { $size } dengan akar { $trailer }; { $records } catatan membentuk akar { $root }

## tanda terima dan log pohon Merkle
cli-unreadable-file = `{ $file }` tidak dapat dibaca: { $error }
receipt-old-log = log hasil ini berskema { $schema }: tanda terima memerlukan skema 4 (pohon Merkle); jalankan ulang dengan jaring versi ini
receipt-no-trailer = log tidak punya penutup yang dapat dibaca: log tidak lengkap
receipt-root-differs = catatan-catatan log tidak membentuk akar yang disebut penutupnya: `jaring verify` menyebutkan apa yang salah
receipt-which = sebutkan orangnya: NIK, atau --row N
receipt-not-found = tidak ada catatan dalam hasil ini dengan NIK (atau baris) itu
receipt-written = tanda terima baris { $row } ditulis ke { $file }; akar { $root }{ $others }
receipt-unreadable = bukan tanda terima yang dapat dibaca: { $error }
receipt-format = bukan tanda terima yang dikenal jaring ini (`{ $format }`)
receipt-not-hex = hash dalam tanda terima bukan 64 digit heksadesimal
receipt-proof-fails = TIDAK SAH: catatan dan buktinya tidak menuju akar tanda terima; tanda terima diubah, atau bukan dari log itu
receipt-row-differs = TIDAK SAH: catatannya bukan baris yang disebut tanda terima
receipt-other-root = TIDAK SAH untuk log ini: tanda terima membuktikan catatan log berakar { $root }, bukan akar yang diberikan
receipt-valid = sah: baris { $row } (daun { $index } dari { $size }) ada dalam log berakar { $root }; hasilnya: { $outcome }
verify-head-shortened = kepala rantai diberikan terpotong: hanya { $count } karakter pertamanya yang dicocokkan
verify-head-of-original = kepala rantai yang diberikan adalah milik hasil aslinya: salinan tersamar ini membawa daun catatan asli, yang menghasilkan akar asli, dan menyebut header asli — isi kolom yang disamarkan sendiri tidak dapat dibuktikan terhadap aslinya
letter-title = Tanda terima keputusan
letter-name = Nama
letter-row = Baris daftar pendaftar
letter-outcome = Hasil
letter-rank = Urutan dalam daftar tunggu: { $rank }
letter-check-title = Cara memeriksa surat ini
letter-check = Keputusan ini adalah catatan ke-{ $index } dari { $size } dalam log hasil yang diumumkan. Tanda terima di bawah memuat catatan itu dan hash yang menghubungkannya ke akar log; `jaring verify` memeriksanya tanpa folder hasil, begitu pula program apa pun yang mengikuti RFC 9162.
letter-root = Akar log, yang harus sama dengan yang tercatat dalam berita acara surat keputusan:
help-receipt = Tulis tanda terima seseorang: catatan keputusannya beserta bukti bahwa catatan itu ada dalam log hasil (JSON, atau surat satu halaman .pdf, dengan tanda terima terlampir, atau .html); `jaring verify BERKAS` memeriksanya tanpa internet
help-receipt-dir = Folder hasil
help-receipt-nik = NIK orangnya
help-receipt-row = Baris daftar pendaftar (bila beberapa baris memuat NIK itu)
help-receipt-out = Berkas yang ditulis: .json, atau .html untuk surat
help-receipt-force = Ganti berkasnya bila sudah ada
receipt-others = {" "}({ $count } baris lain memuat NIK ini: pakai --row)
verify-root = akar pohon Merkle { $root } ({ $size } daun)
key-bad-name = `{ $name }` tidak dapat menjadi nama kunci: pakai huruf, angka dan `-`, tanpa spasi atau `+`
key-no-randomness = sistem tidak memberi keacakan untuk kunci baru: { $error }
key-unreadable = bukan berkas kunci jaring (kunci signed-note: NAMA+ID+KUNCI)
checkpoint-unreadable = checkpoint bukan signed note yang dapat dibaca jaring
checkpoint-differs = checkpoint tidak menyatakan log ini: asal, ukuran pohon atau akarnya berbeda dari catatan-catatannya
checkpoint-not-signed = checkpoint tidak memuat tanda tangan sah dari `{ $name }` (kunci { $id })
checkpoint-unchecked = ditandatangani juga oleh { $names }, yang kuncinya tidak diberikan (--key NAMA.pub)
checkpoint-none = tidak ada checkpoint: hasil ini dibuat sebelum ada checkpoint bertanda tangan
key-written = kunci `{ $name }` ditulis: { $private } (rahasiakan, hanya dapat dibaca Anda) dan { $public } (berikan kepada pemeriksa)
cosign-not-intact = folder hasil tidak lolos pemeriksaan, jadi tidak ditandatangani:
{ $problems }
cosigned = `{ $name }` menandatangani checkpoint { $folder }
help-key = Kunci penanda tangan checkpoint
help-key-new = Buat pasangan kunci Ed25519 baru: NAMA.key (rahasia, hanya pemilik) dan NAMA.pub
help-key-new-out = Nama kunci dan tempat menulisnya (NAMA.key dan NAMA.pub)
help-cosign = Tandatangani checkpoint folder hasil sebagai saksi (folder harus lolos pemeriksaan dahulu)
help-cosign-dir = Folder hasil
help-cosign-key = Kunci rahasia saksi (NAMA.key)
help-run-sign = Tandatangani checkpoint hasil ini dengan kunci rahasia ini (NAMA.key)
help-verify-keys = Kunci publik (NAMA.pub) yang harus menandatangani checkpoint; boleh diberikan beberapa kali
verify-prev-unreadable = baris ini diubah: `prev`-nya bukan hash heksadesimal 64 digit huruf kecil
impact-details = { $count } catatan lain hanya berbeda rinciannya (hasil dan alasan sama; aturan lain ikut gagal, atau teksnya lain)
verify-leaves = tidak memuat daun catatan-catatan log (beda pertama pada catatan { $record })
verify-csv-missing-line = satu baris dari log hilang sebelum baris ini; baris-baris sesudahnya sesuai
verify-csv-extra-line = baris ini tidak ada dalam log (ada baris yang ditambahkan); baris-baris sesudahnya sesuai
explain-cut-off = antrean berhenti ketika tempat habis; { $places } tempat lagi ({ $money } lagi untuk iuran) akan sampai kepada orang ini
impact-lost-because = { $count } kehilangan tempat: { $reason }
impact-gained-from = { $count } mendapat tempat yang dibayar { $source }
help-replay-format = `human` (bawaan), `json`, atau `csv` (satu baris per perubahan)
impact-district = { $name } (`{ $code }`): { $gains } mendapat, { $losses } kehilangan tempat
explain-would-be-eligible = tanpa `{ $exclusion }` orang ini akan memenuhi syarat (diputuskan ulang melalui aturan dan plugin); ada tidaknya tempat tersisa ditentukan antrean
explain-would-still-be-refused = meskipun tanpa `{ $exclusion }`, orang ini tetap tidak memenuhi syarat (diputuskan ulang melalui aturan dan plugin)
explain-would-be-eligible-if = satu-satunya aturan yang tidak terpenuhi adalah “{ $rule }”: bila terpenuhi (diputuskan ulang dengan { $field } = { $value }, melalui aturan dan plugin), orang ini akan memenuhi syarat; ada tidaknya tempat tersisa ditentukan antrean
explain-would-still-be-refused-if = satu-satunya aturan yang tidak terpenuhi adalah “{ $rule }”, namun meskipun terpenuhi ({ $field } = { $value }, diputuskan ulang melalui aturan dan plugin) orang ini tetap tidak memenuhi syarat
explain-age-reached = genap berusia { $age } tahun pada { $date }
receipt-too-large = `{ $file }` terlalu besar untuk sebuah tanda terima (tanda terima hanya beberapa kilobita)

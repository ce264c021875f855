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
toml = berkas tidak dapat dibaca: { $detail }
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
unknown-occupation = `{ $code }` tidak ada dalam katalog pekerjaan
    .label = pekerjaan tidak dikenal
    .help = pakai kode dari katalog pekerjaan (policies/occupations.toml), atau tambahkan pekerjaan itu ke sana
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

## Membaca daftar pendaftar

registry-unreadable = daftar pendaftar `{ $file }` tidak dapat dibaca: { $error }
registry-empty = daftar pendaftar `{ $file }` kosong: tidak ada baris judul kolom
registry-missing-columns = daftar pendaftar `{ $file }` tidak memiliki kolom { $missing }
    {"  "}kolom yang ada: { $found }
    {"  "}kolom yang diharapkan: { $expected }
registry-duplicate-column = kolom `{ $column }` muncul dua kali dalam daftar pendaftar `{ $file }`
registry-not-csv = daftar pendaftar `{ $file }` bukan berkas CSV: { $reason }

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
log-not-json = { $error }
log-wrong-kind = jenisnya `{ $kind }`

## Replay dan explain

replay-policy-errors = program `{ $id }` tidak dapat diperiksa:
    { $report }
replay-unreadable-policy = kebijakan yang diarsipkan `{ $file }` tidak dapat dibaca: { $error }
replay-policy-replaces-nothing = `{ $file }` tidak menggantikan program mana pun dalam jalannya ini ({ $programs })
replay-not-a-record = baris { $line } log bukan catatan keputusan: { $error }
replay-unreadable-log = log tidak dapat dibaca: { $error }
replay-redacted = ini salinan yang disamarkan: NIK telah ditutupi, sehingga NIK ganda dan urutan undian tidak dapat diputuskan ulang; lakukan replay pada folder hasil aslinya
explain-unreadable-record = sebuah catatan keputusan tidak dapat dibaca: { $error }
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
plugin-panic = plugin `{ $plugin }` berhenti karena panic{ $at }: { $message }
plugin-trap = plugin `{ $plugin }` berhenti karena trap{ $at }: { $trap }{ $backtrace }
plugin-contract = plugin `{ $plugin }` melanggar kontrak: { $problem }
plugin-refused = plugin `{ $plugin }` menolak berjalan: { $message }
plugin-refuse = plugin `{ $plugin }` ditolak ({ $rule }): { $detail }
plugin-bad-info = `info()` plugin `{ $plugin }` tidak benar: { $problem }
plugin-identity-column = plugin `{ $plugin }` meminta kolom `{ $column }` dari daftar pendaftar, yang tidak pernah dikirim ke plugin: { $why }; hapus kolom itu dari atribut plugin
plugin-withheld-read = jaring membacanya sendiri sebagai { $field } dan tidak pernah meneruskan isi selnya{ $hint }
plugin-withheld-hint = {" "}(plugin menerimanya sebagai `{ $attribute }`)
plugin-withheld-personal = kolom itu memuat data identitas atau data pribadi
plugin-too-much-data = plugin `{ $plugin }` menyerahkan lebih dari { $bytes } byte sekaligus kepada host{ $at } (satu baris log atau jawabannya); turunkan `limit batch-size` jika jawabannya memang wajar sepanjang itu
plugin-batch-dependent = jawaban plugin `{ $plugin }` berubah menurut kelompoknya: untuk baris { $row } jawabannya { $first } di antara pendaftar kelompoknya, dan { $second } { $context }; jawaban hanya boleh bergantung pada program dan pendaftarnya
plugin-instantiate = plugin `{ $plugin }` tidak dapat dijalankan: { $reason }
plugin-host = host plugin gagal: { $reason }

# jaring's messages in English. Every id here is also in id.ftl (a test checks).
# Arguments are text, formatted before they are passed; `$plural` is `one` or `other`.

## Months, for dates in prose

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Lists

list-or = or
list-and = and

## Diagnostics: the frame around every problem

severity-error = error
severity-warning = warning
severity-note = note
diag-help = help: { $help }
diag-in-file = in { $file }
diag-line-too-long = at { $place } (a line of { $bytes } bytes, too long to show)

## Braces

unclosed-block = missing `{"}"}`: the block opened on line { $line } is not closed
    .label = expected `{"}"}` here
    .open = this `{"{"}` is never closed
    .help-line = add `{"}"}` on line { $line }, lined up with the line that opens the block
    .help-end = add `{"}"}` at the end of the file, lined up with the line that opens the block
unclosed-block-named = missing `{"}"}`: the `{ $word }` block opened on line { $line } is not closed
unclosed-block-never = missing `{"}"}`: this block is never closed
    .help = add the matching `{"}"}` where the block ends
missing-open-brace = missing `{"{"}` after `{ $code }`
    .label = expected `{"{"}` here
    .close = this `{"}"}` closes the block
    .help = add `{"{"}` at the end of line { $line }
unexpected-close-brace = unexpected `{"}"}`: there is no open block to close
    .label = nothing to close
    .help = remove it, or look above for a line that should end with `{"{"}`

## Reading the policy (syntax)

too-complex = this text is too tangled to read
    .help = look for quotes and braces that are never closed, and fix those first
syntax = this text cannot be read
    .help = check the line for a stray character
block-without-statement = this `{"{"}` opens a block, but no statement comes before it
    .label = block without a statement
    .help = a block follows `funding <name>`, `occupations` or `plugin "…"` on the same line
unclosed-text = this text in quotes is not closed
    .label = no closing `"`
    .help = add `"` at the end of the text; quoted text cannot continue on the next line
unexpected-text-here = unexpected `{ $text }` { $place }
    .label = not a statement
    .help = each statement starts with a keyword; to add a note, start the line with `#`
unexpected-text-after = unexpected `{ $text }` after the `{ $keyword }` statement
    .label = not part of the statement
    .help = `{ $keyword }` is written like { $example }; to add a note, start it with `#`
    .help-note = to add a note, start it with `#`
misplaced-statement = `{ $word }` cannot be written { $place }
    .label = not allowed here
    .help = `{ $word }` belongs { $place }
unknown-statement = `{ $word }` is not a statement
    .label = unknown statement
    .help = the statements { $place } are: { $statements }; to add a note, start the line with `#`
did-you-mean = did you mean `{ $word }`?
write-it-like = write it like { $example }
write-code = write `{ $code }`
malformed-statement = malformed `{ $keyword }`: expected { $expected }, found { $found }
    .label = expected { $expected }
found-end-of-line = the end of the line
found-text = `{ $text }`
expected-something-else = something else
occupation-list-commas = occupations are listed one per line, without commas
    .label = commas are not used here
    .help = remove the commas and put each occupation on a line of its own
occupation-in-quotes = occupations are written as catalog codes, without quotes
    .label = quoted text
not-an-occupation-code = `{ $text }` is not an occupation code
    .label = expected an occupation code
    .help = occupation codes start with a letter, like `nelayan` or `guru-ngaji`
place-top = at the top of the file
place-program = inside `program {"{"} … {"}"}`
place-funding = inside a `funding` block
place-occupations = inside `occupations {"{"} … {"}"}`
place-plugin = inside a `plugin` block
symbol = `{ $symbol }`
expect-name = a name (letters, digits and `-`, starting with a letter)
expect-string = text in double quotes
expect-number = a whole number
expect-code = a region code like `64.01`
expect-month = a month like `2022-10`
expect-date = a date like `2022-10-01`
expect-money = an amount in rupiah like `Rp1.626.307.200`
expect-end-of-file = the end of the file

## Reading values (names, money, numbers, months, dates)

bad-name = `{ $name }` is not a valid name
    .label = not a name
    .help = names use letters, digits and `-`, start with a letter and have no spaces: `{ $suggestion }`
    .help-example = names use letters, digits and `-`, start with a letter and have no spaces, like `apbd-2022`
money-rounded = `{ $text }` is a rounded figure, not an exact amount
    .help-exact = write the exact amount in whole rupiah from the budget document; if it is exactly { $amount }, write `{ $amount }`
    .help = write the exact amount in whole rupiah, like `Rp1.626.307.200`
money-decimal = `{ $text }` has a decimal part, but amounts are whole rupiah
    .help = write whole rupiah with `.` between thousands, like `Rp1.626.307.200`
money-grouping = `{ $text }` has its dots in the wrong places
    .help = put `.` every three digits from the right, like `Rp1.626.307.200`, or write no dots: `1626307200`
money-too-large = `{ $text }` is too large to be a budget
    .help = check the number of digits
money-not-money = `{ $text }` is not an amount of rupiah
    .help = write it like `Rp1.626.307.200`
money-not-exact = not an exact amount
number-not-whole = `{ $text }` is not a whole number
    .label = not a whole number
    .help = write a number like `32.268`
number-comma = `{ $text }` is not a whole number
    .help = group thousands with `.`, not `,`: `{ $fixed }`
number-grouping = `{ $text }` has its dots in the wrong places
    .help = put `.` every three digits from the right, like `32.268`, or write no dots
month-is-date = `{ $text }` is a date, but periods are whole months
    .help = write the month only: `{ $month }`
month-no-such = `{ $text }` is not a month: there is no month { $month }
    .help = months run from `01` to `12`
month-layout = `{ $text }` is not written as a month
    .label = not a month
    .help-fixed = write year first, then month: `{ $fixed }`
    .help = write months as year-month, like `2022-10`
date-no-such = `{ $text }` is not a date: there is no such day
    .help = check the day and the month
date-layout = `{ $text }` is not written as a date
    .label = not a date
    .help-fixed = write year-month-day: `{ $fixed }`
    .help = write dates as year-month-day, like `2022-10-01`

## Files a policy names

not-utf8 = the file is not UTF-8 text
    .label = byte { $byte } (line { $line }) is not UTF-8
    .help = save the policy as UTF-8 (in most editors: Save As, encoding UTF-8)
too-many-problems = { $more } more problems in this file are not shown
    .help = fix the problems above (the first ones often cause the rest) and check again
file-not-found = `{ $path }` does not exist
    .label = no such file
    .help = the path is relative to the policy's folder; remove the `{ $keyword }` line to use the built-in { $default }
unreadable-file = cannot read `{ $file }`: { $error }
catalog-bad-code = `{ $code }` is not a valid occupation code
    .help = codes use lowercase letters, digits and `-`, like `guru-ngaji`
catalog-bad-implies = `{ $implies }` is not an exclusion an occupation can imply
    .help = write { $choices }
catalog-too-many = the catalog names more than { $most } occupations: a run can tell at most that many apart
    .help = merge occupations that are the same work, or keep spellings of one occupation as its `synonyms`
catalog-ambiguous = `{ $spelling }` already names `{ $code }`
    .first = first used here
    .help = a spelling can belong to one occupation only; remove one of them
toml = the file cannot be read: { $detail }
    .help = see the comments at the top of the file for the expected layout
rate-unknown-benefit = unknown benefit `{ $benefit }`
    .help = benefits are `JKK`, `JKM` and `JHT`
rate-not-month = `{ $text }` is not a month
    .help = write months as `2021-02`
rate-until-not-month = `until` is not a month
rate-ends-early = this rate ends before it starts ({ $from })
    .help = `until` is the last month the rate applies
rate-floor-above-ceiling = `floor` is above `ceiling`
    .help = swap them
rate-formula = a rate needs either `flat` or `basis_points` (with optional `floor` and `ceiling`)
    .help = JKM is `flat = 6800`; JKK is `basis_points = 100` with `floor` and `ceiling`
rate-overlap = two { $benefit } rates apply in the same month (this one and the one from { $from })
    .other = the other rate
    .help = end the older rate with `until` the month before the newer one starts

## Checking a program

missing-program = this file has no program
    .help = a policy starts with `program <name> {"{"}` and ends with `{"}"}`
extra-program = a policy file holds one program
    .label = second program
    .first = first program
    .help = move this program into a file of its own
duplicate-statement = `{ $keyword }` is written twice
    .label = second one
    .first = first one
    .help = keep one `{ $keyword }` line (the first is on line { $line })
missing-statement = the program has no `{ $keyword }`
    .label = `{ $keyword }` missing in this program
    .help = add a line like { $example }
duplicate-regulation = regulation `{ $id }` is declared twice
    .help = give each regulation its own name
first-declared-here = first declared here
first-listed-here = first listed here
already-here = already here
listed-twice = `{ $name }` is listed twice
regulation-without-title = the regulation has no title
    .help = write its full name, like `"Peraturan Bupati Paser Nomor 12 Tahun 2022"`
no-legal-basis = the program names no regulation
    .help = declare its legal basis with `regulation <name> "<title>"` and cite it on each rule
unknown-regulation = regulation `{ $id }` is not declared
    .label = not declared in this program
    .help-first = declare it first: `regulation { $id } "<full title of the regulation>"`
    .help = declare it with `regulation { $id } "…"`, or cite { $declared }
unused-regulation = regulation `{ $id }` is never cited
    .label = declared but not cited
    .help = cite it on the rules it sets, like `cite { $id } "Pasal 3"`, or remove it
uncited-rule = { $what } cites no regulation
    .label = no `cite`
    .help = end the line with `cite <regulation> "<article>"` so decisions can name their legal basis
rule-quota = the quota
rule-occupations = the list of occupations
rule-age = the age window
rule-residence = the residence rule
rule-exclusion = the exclusion
rule-poverty = the poverty rule
empty-title = the title is empty
    .help = write the program's name as the decree calls it
malformed-region = `{ $text }` is not written as a region code
    .label = not a region code
    .help-fixed = write `{ $code }` ({ $name })
    .help = region codes are written with dots: `64` (province), `64.01` (regency/city), `64.01.01` (district)
unknown-region = there is no region `{ $text }`
    .label = not in the Kemendagri list
    .help-siblings = the codes in { $name } ({ $code }) are: { $codes }
    .help = check the code against the Kemendagri list (data/wilayah.csv)
region-level = `{ $code }` is a district or village, not a province or regency
    .help = a program belongs to the province or regency that pays for it; limit who may join with `residence within { $code }`
region-name = { $name }
duplicate-benefit =
    .help = list each benefit once
unknown-benefit = `{ $name }` is not a benefit
    .label = unknown benefit
    .help = the benefits are `JKK` (work accident), `JKM` (death) and `JHT` (old age)
missing-benefit = the program does not pay { $missing }
    .label = JKK and JKM are the minimum
    .help = BPU participants join at least JKK and JKM: write `benefits JKK, JKM`
wage-below-minimum = { $wage } is below the lowest declared wage, { $minimum }
    .label = too low
    .help = the lowest declared monthly income of a BPU participant is set by { $source }; write `declared-wage { $minimum }`
reversed-period = the period ends ({ $last }) before it starts ({ $first })
    .label = ends before it starts
    .help = write the first month first: `period { $first } .. { $last }`
overlapping-periods = this period overlaps { $first } .. { $last }: both include { $shared }
    .label = overlaps another period
    .other = the other period
    .help = a month can be paid for once; make the periods follow each other
long-period = the program covers { $months } months
    .help = a regional budget usually pays for one budget year (12 months) at most; check the months
no-rate = the rate table has no { $benefit } rate for { $month }
    .help = add the rate in force that month to the rate table (rates.toml)

## Funding, quotas and whether the money pays

duplicate-funding = funding source `{ $id }` is declared twice
    .help = give each funding source its own name
missing-funding-kind = funding source `{ $id }` has no `kind`
    .help = add `kind APBD` (or one of { $kinds })
funding-twice = `{ $keyword }` is written twice in this funding source
    .help-kind = a funding source has one kind
    .help-budget = a funding source has one budget; declare another funding source for more money
    .help-quota = a funding source has one quota of its own
    .help-cite = cite the one regulation that allocates this money
unknown-funding-kind = `{ $kind }` is not a kind of funding
    .label = unknown kind
    .help = the kinds are { $kinds }
missing-budget = funding source `{ $id }` has no `budget`
    .help = add the amount from the budget document, like `budget Rp1.626.307.200`
zero-budget = the budget is zero
    .help = write the amount from the budget document
funding-quota-target = a funding source's quota counts everyone it pays
    .label = sub-quotas are not allowed here
    .help = write sub-quotas for occupations or regions at program level, outside the funding block
what-quota = quota
what-sub-quota = sub-quota
funding-budget-short = funding `{ $id }` cannot pay its quota: { $arithmetic } > budget { $budget }
    .label = budget too small
    .quota = the quota
    .help = raise the budget to { $need } or lower the quota to { $affordable }
a-larger-amount = a larger amount
budget-not-whole-months = { $budget } is not a whole number of worker-months at { $premium }
    .label = { $left } left over
    .help = budgets for premiums are usually workers × months × the monthly premium; check the figure
funding-order-twice =
    .help = list each funding source once, in the order the money is used
undeclared-funding = there is no funding source `{ $name }`
    .label = not declared
    .help = declare it with `funding { $name } {"{"} … {"}"}`
funding-order-incomplete = `funding-order` leaves out { $missing }
    .help = list every funding source, in the order the money is used
non-positive-quota = a { $what } must be more than zero
    .label = { $count } people
    .help = write how many people the { $what } allows; remove the line if there is no limit
quota-too-large = `{ $count }` is too large for a { $what }
sub-quota-above-total = this sub-quota ({ $count }) is larger than the program's quota ({ $total })
    .label = above the total
    .help = a sub-quota limits part of the program and cannot exceed the whole
sub-quota-not-eligible = `{ $code }` is not one of the program's occupations
    .label = not eligible
    .help = add it to `occupations {"{"} … {"}"}` or remove it from the sub-quota
sub-quota-region-outside = `{ $code }` ({ $name }) is not inside the program's region { $program }
region-in-two-sub-quotas = `{ $code }` is already counted in the sub-quota of `{ $other }`
    .help = each person must fall in at most one region sub-quota
sub-quotas-of-occupations = occupation
sub-quotas-of-regions = region
sub-quotas-exceed-total = the { $what } sub-quotas add up to more than the quota: { $terms } = { $sum } > { $total }
    .help = lower the { $what } sub-quotas or raise the quota
sub-quotas-too-many = this program has { $count } sub-quotas; one program can hold at most { $max }
    .help = split the program into several policies, one per part of its region, or give larger regions one sub-quota each
occupation-in-two-sub-quotas = `{ $name }` is already in another sub-quota
    .help = each occupation may be in one sub-quota
budget-of-one = budget { $budget }
budget-of-several = total budget { $budget } ({ $names })
budget-short = the funding cannot pay the quota: { $arithmetic } > { $budget }
    .label = quota too large for the budget
    .help = raise the budget to at least { $need }, or lower the quota to { $affordable } (what { $budget } pays for)
budget-short-capacity = the funding sources' own quotas and budgets pay for { $capacity } people, fewer than the quota of { $quota }
    .help = raise a funding source's quota, or lower the program's quota
budget-unused = the quota uses { $need } of { $budget }: { $spare } would be left unused (enough for { $more } more people)
    .help = check the quota and the budget against the decree; unused money means eligible people left waiting
cost-flat = { $count } × { $premium } × { $months } { $plural ->
        [one] month
       *[other] months
    } = { $total }
cost-varying = { $count } × { $premium } (premiums for { $months } { $plural ->
        [one] month
       *[other] months
    }) = { $total }
too-much = too much

## Eligibility

occupations-cite-twice = `cite` is written twice in `occupations`
    .help = cite the article that lists the occupations once
empty-occupations = no occupation is listed
    .help = list the eligible occupations, one per line, like `nelayan`
occupation-with-space = `{ $written }` is not an occupation code
    .label = codes have no spaces
occupation-synonym = `{ $written }` is another spelling of `{ $code }`
    .label = read as `{ $code }`
    .help = write the catalog code `{ $code }`
    .help-neighbours = write the catalog code `{ $code }`; registries also have { $others }, which `{ $code }` does not cover: list them too if the decree means them
unknown-occupation = `{ $code }` is not in the occupation catalog
    .label = unknown occupation
    .help = use a code from the occupation catalog (policies/occupations.toml; `jaring occupations <word>` finds it), or add the occupation there
duplicate-occupation =
    .help = list each occupation once
no-age-rule = the program has no age window
    .help = add the age window from the regulation, like `age 18 .. 65 at 2025-01-01`
implausible-age = `{ $age }` is not a plausible age
    .help = ages are whole years, like `age 18 .. 65`
reversed-age = the age window is reversed: { $min } is above { $max }
    .label = youngest age must come first
    .help = write `age { $min } .. { $max }`
age-date-outside-period = ages are measured on { $date }, outside the period { $first } .. { $last }
    .help = ages are usually measured when the period starts or when data is collected; check the date
no-residence-rule = the program has no residence rule: people living anywhere can be enrolled
    .help = add `residence within { $region }` to enroll residents only
region-outside-program = `{ $code }` ({ $name }) is outside the program's region { $program }
    .label = outside the program
    .help = a region pays for its own residents; use `{ $program }` or a code inside it
excluded-twice = `{ $name }` is excluded twice
    .help = exclude each group once
unknown-exclusion = `{ $name }` is not an exclusion jaring knows
    .label = unknown exclusion
    .help = the exclusions are { $exclusions }
decile-out-of-range = `{ $decile }` is not a decile
    .label = deciles run from 1 (poorest) to 10
    .help = write the highest decile the program accepts, like `poverty-decile at-most 4`
children =
    .help-none = use a code inside the program's region
    .help = the regions inside { $program } are: { $children }

## Plugin block and precedence

plugin-not-found = plugin file `{ $path }` not found
    .help = the path is looked up from the policy's folder, then each folder above it, then the current folder; build the plugin with `jaring plugin build`
plugin-unreadable = cannot read plugin file `{ $path }`
plugin-not-pinned = the plugin is not pinned by its sha256
    .help = add `sha256 "…"` inside the plugin block (`jaring plugin inspect <file>` prints it) so a changed plugin cannot run unnoticed
sha256-twice = `sha256` is written twice
    .help = a plugin has one pin
malformed-sha256 = a sha256 is 64 hexadecimal characters
    .label = { $count } characters
    .help = copy the hash `jaring plugin inspect` or `sha256sum` prints
plugin-sha256-mismatch = `{ $path }` is not the plugin this policy pins
    .label = pinned hash
    .help = the file's sha256 is { $actual }; if the plugin was changed on purpose and reviewed, pin the new hash
param-twice = parameter `{ $name }` is given twice
    .help = give each parameter once
unknown-limit = `{ $name }` is not a plugin limit
    .help = the limits are { $limits }
limit-too-large = a plugin may use at most { $max } { $unit }
    .help = write `limit { $name } { $max }` or less
limit-twice = `limit { $name }` is written twice
    .help = give each limit once
non-positive-limit = a limit must be more than zero
limit-unit-fuel = units of fuel per applicant
limit-unit-memory = MiB of memory
limit-unit-batch = applicants per call
limit-unit-plugin = KiB of plugin file
limit-unit-function = KiB of code per function
yields-to-regencies = only a province program can yield to regency programs
    .help = name the programs this one gives way to: `yields-to <program>`
yields-to-self = a program cannot give way to itself
    .help = name the other program that goes first

## jaring check and jaring fmt

duplicate-program = program `{ $id }` is also defined in `{ $file }`
checked-clean = checked { $files } policy { $files_plural ->
        [one] file
       *[other] files
    }: no problems
checked-warnings = checked { $files } policy { $files_plural ->
        [one] file
       *[other] files
    }: no errors, { $warnings } { $warnings_plural ->
        [one] warning
       *[other] warnings
    }
checked-problems = checked { $files } policy { $files_plural ->
        [one] file
       *[other] files
    }: { $errors } { $errors_plural ->
        [one] error
       *[other] errors
    }, { $warnings } { $warnings_plural ->
        [one] warning
       *[other] warnings
    }
fmt-unparsable = not formatted: `{ $file }` has syntax errors (run `jaring check` on it)
fmt-changed-meaning = not formatted: formatting `{ $file }` would change its meaning; please report this bug
fmt-formatted = formatted { $changed } of { $files } files

## Registry fields, in words

field-nik = NIK
field-name = name
field-birth-date = birth date
field-sex = sex
field-occupation = occupation
field-domicile = domicile
field-poverty-decile = poverty decile
field-already-covered = already covered
field-civil-servant = civil servant
field-student = student
field-nik-status = NIK status
field-decree-number = decree number
field-proposer = proposer
field-district = district (kecamatan)
field-village = village (kelurahan/desa)
place-district = district
place-village = village

## Reading a registry

registry-unreadable = cannot read the registry `{ $file }`: { $error }
registry-spill = the rows read could not be kept in `{ $folder }` while the run decides: { $error }{ $hint }
registry-spill-space =
    {""}
    {"  "}free space there (they take 16 bytes a row) or choose an output folder on another disk
registry-empty = the registry `{ $file }` is empty: it has no header line
registry-missing-columns = the registry `{ $file }` lacks the { $plural ->
        [one] column
       *[other] columns
    } { $missing }
    {"  "}columns found: { $found }
    {"  "}expected: { $expected }
registry-duplicate-column = the registry `{ $file }` repeats the column `{ $column }`
registry-not-csv = the registry `{ $file }` is not CSV: { $reason }
registry-not-text = the registry `{ $file }` is { $what ->
        [zip] a damaged or unknown zip file, not a workbook jaring can read (.xlsx, .xlsb, .xls, .ods)
        [pdf] a PDF: save the list as a spreadsheet or CSV first
       *[other] binary data, not a CSV, JSON Lines or workbook file
    }
registry-not-sheet = the registry `{ $file }` is a workbook that cannot be read: { $reason }
registry-no-sheet = the workbook `{ $file }` has no sheet named `{ $sheet }`; its sheets: { $sheets }
registry-changed = the registry `{ $file }` changed while the run was writing its outputs: read again, it no longer holds the rows that were decided on. Nothing was written; run again once the file is no longer being changed
registry-in-log = the registry was read back from the decision log `{ $file }` keeping only the columns a decision reads: outputs cannot be written from it. Run `jaring run` on the registry file itself
registry-row-too-long = row { $row } of the registry `{ $file }`, which starts on line { $line }, is longer than { $limit }: no applicant's row is that long. Most often a `"` opened on that line is never closed, so every line after it was read as one field. Close or remove that quote (or split the file) and run again; nothing was written
registry-line-too-long = line { $line } of the registry `{ $file }` (row { $row }) is longer than { $limit }: no applicant's row is that long (a value holding a document, or lines run together without their line breaks?). Shorten or remove that line and run again; nothing was written
registry-header-too-long = the first line of the registry `{ $file }`, where the column titles belong, is longer than { $limit }: this is not a registry's header line. Check that the file is the registry, with one line of column titles first; nothing was written
registry-too-many-columns = the registry `{ $file }` has { $columns } columns; a registry may have at most { $max }. Keep the columns of the applicants' data (remove the others, or split them into another file) and run again; nothing was written
registry-sheet-row-too-long = row { $row } of the sheet `{ $sheet }` in the workbook `{ $file }` holds more than { $limit } of text: no applicant's row is that long (a cell holding a document, or text pasted over and over?). Empty the cells that hold it, or leave their column out, and run again; nothing was written

## Running

run-policies = the policies have errors; nothing was decided:
    { $report }
run-unreadable-policy = cannot read the policy `{ $file }`: { $error }
run-two-catalogs = programs `{ $first }` and `{ $other }` use different occupation catalogs ({ $first_catalog } and { $other_catalog }); one registry is read with one catalog
run-plugin-changed = the plugin `{ $plugin }` of program `{ $program }` asks for the column `{ $column }`, which it did not ask for when the registry was read: the plugin file was changed during the run. Nothing was written; run again (pin the plugin with its sha256 in the policy so that it cannot change)
run-program-twice = program `{ $id }` is given twice ({ $first } and { $second })
run-too-many-programs = { $count } programs cannot run together; one run decides at most { $max }: split them over several runs
run-yield-circle = programs { $programs } yield to each other in a circle; remove one `yields-to`
run-no-program = no program to run
run-cannot-write = cannot write the output: { $error }
run-cannot-write-log = cannot write the output: cannot write the decision log: { $error }
run-cannot-write-workbook = cannot write the output: cannot write hasil.xlsx: { $error }

## The output folder

out-symlink = `{ $folder }` is a symbolic link; give the folder itself (jaring does not replace what a link points to)
out-not-empty = `{ $folder }` exists and is not empty; choose a new folder or pass --force to replace it
out-is-file = `{ $folder }` is a file, not a folder
out-cannot-use = cannot use `{ $folder }`: { $error }
out-holds-current = `{ $folder }` is the current folder or holds it; give a folder of its own for the results
out-locked = another jaring run is writing `{ $folder }`; wait for it to finish, or choose another folder
out-is-input = `{ $folder }` would replace or write into `{ $input }`, an input of this run; choose a folder of its own for the results
out-cannot-create = cannot create `{ $folder }`: { $error }
out-cannot-write-in = cannot write in `{ $folder }`: { $error }
out-cannot-publish = cannot publish `{ $folder }`: { $error }
out-cannot-move-aside = cannot move aside `{ $folder }`: { $error }

## Reading a run's log

log-unreadable = cannot read `{ $path }`: { $error }
log-empty = `{ $path }` has no header line
log-bad-header = line 1 of `{ $path }` is not a jaring log header: { $reason }
log-not-utf8 = it is not UTF-8 text
log-not-json = { $error }
log-wrong-kind = its kind is `{ $kind }`

## Replay and explain

replay-policy-errors = program `{ $id }` cannot be checked:
    { $report }
replay-unreadable-policy = cannot read the archived policy `{ $file }`: { $error }
replay-policy-replaces-nothing = `{ $file }` does not replace any program of this run ({ $programs })
replay-unlisted-program = line { $line } of the log holds a decision of the program `{ $program }`, which its header does not list: the run did not write it. Run `jaring verify` on the folder to see what was changed
replay-unnamed-program = line { $line } of the log holds a decision that names no program, in a log of several programs: the run did not write it. Run `jaring verify` on the folder to see what was changed
replay-not-a-record = line { $line } of the log is not a record: { $error }
replay-unreadable-log = cannot read the log: { $error }
replay-log-changed = the log `{ $file }` changed while it was being replayed: read a second time, its records no longer hold the fields that were decided on. Replay again once the run folder is no longer being changed
replay-redacted = this is a redacted copy: NIKs were masked, so duplicates and tie-breaks cannot be decided again; replay the original run folder
explain-unreadable-record = a record cannot be read: { $error }
explain-no-row = there is no row { $row } in this run
explain-no-nik = no row of this run has the NIK { $nik }
explain-row-unreadable = the row cannot be read again

## Plugins

plugin-batch = batch { $number } (applicants { $first }..={ $last }, { $size } in all)
plugin-in-batch = {" "}in { $batch }
plugin-log-fuel = , { $fuel } of them spent on log lines
plugin-load = plugin `{ $plugin }` cannot be loaded: { $reason }
plugin-hash-mismatch = plugin `{ $plugin }` is not the one pinned: its sha256 is { $actual }, the policy pins { $pinned }
plugin-forbidden-import = plugin `{ $plugin }` imports `{ $import }`, which jaring does not provide: plugins may import only the `jaring:plugin/host` log (no clock, randomness, files, network or environment)
plugin-out-of-fuel = plugin `{ $plugin }` ran out of fuel{ $at }: it had { $fuel } units ({ $per_applicant } per applicant){ $log }; if the plugin is right to need more, raise `limit fuel-per-applicant` in the policy's plugin block
plugin-memory-limit = plugin `{ $plugin }` tried to use more than { $mib } MiB of memory{ $at }; raise `limit memory-mib` in the policy's plugin block if it is right to need more
plugin-stack-overflow = plugin `{ $plugin }` overflowed its stack{ $at } (too deep a recursion)
plugin-panic = plugin `{ $plugin }` panicked{ $at }: { $message }
plugin-trap = plugin `{ $plugin }` trapped{ $at }: { $trap }{ $backtrace }
plugin-contract = plugin `{ $plugin }` broke the contract: { $problem }
plugin-refused = plugin `{ $plugin }` refused to run: { $message }
plugin-refuse = plugin `{ $plugin }` is refused ({ $rule }): { $detail }
plugin-bad-info = plugin `{ $plugin }` has a bad `info()`: { $problem }
plugin-identity-column = plugin `{ $plugin }` asks for the registry column `{ $column }`, which is never sent to a plugin: { $why }; remove it from the plugin's attributes
plugin-withheld-read = jaring reads it itself as the { $field } and never passes the cell on{ $hint }
plugin-withheld-hint = {" "}(the plugin gets it as `{ $attribute }`)
plugin-withheld-personal = it holds identity or personal data
plugin-too-much-data = plugin `{ $plugin }` handed the host more than { $bytes } bytes in one go{ $at } (a log line or its answer); lower `limit batch-size` if its answers are right to be this long
plugin-batch-dependent = plugin `{ $plugin }` answers differently depending on the batch: for registry row { $row } it answered { $first } among the applicants of its batch, and { $second } { $context }; an answer may depend only on the program and the applicant
plugin-instantiate = plugin `{ $plugin }` cannot be started: { $reason }
plugin-host = the plugin host failed: { $reason }

## Warnings of a run (they did not stop it)

warning-registry = registry: { $warning }
warning-yields-to-absent = `{ $program }` yields to `{ $other }`, which is not part of this run
warning-missing-column = `{ $program }`: the registry has no `{ $column }` column, so that rule could only use the occupation (or, for deciles, rejects everyone)
warning-masked-cells = `{ $program }`: { $cells } cells of the columns the plugin reads held 16 or more digits in a row (a NIK or family-card number?); the plugin was sent them masked after the first six digits
registry-long-record = row { $row } runs over { $lines } lines (from line { $line }): a quoted field with line breaks, or a `"` that is never closed and swallowed the lines after it
registry-more-long-records = { $count } more rows run over more than { $lines } lines
registry-rows-versus-lines = the registry has { $lines } data lines but only { $rows } rows: quoted fields with line breaks join lines (and a quote left open swallows the lines after it)
registry-field-counts = { $rows } rows do not have the header's { $columns } fields: is the delimiter the one the header uses?
registry-sheet-chosen = sheet `{ $sheet }` was read; the workbook also has { $others } (choose one with `--sheet NAME`)
registry-header-below = the column titles are on row { $row } of the sheet; the { $above } { $above_plural ->
        [one] row
       *[other] rows
    } above were taken as a title and not read
registry-empty-rows = { $count } empty { $count_plural ->
        [one] row
       *[other] rows
    } in the table { $count_plural ->
        [one] was
       *[other] were
    } skipped (sheet rows { $rows }…); row numbers count only the rows read
registry-cells-beyond-header = { $rows } { $rows_plural ->
        [one] row has
       *[other] rows have
    } values right of the last titled column (first on sheet row { $first }): they were not read; give the column a title to read it

## The run's summary on the terminal

summary-rows = { $rows } rows = { $enrolled } enrolled + { $waiting } waiting + { $rejected } rejected + { $invalid } invalid
summary-program = { $id } ({ $region }), { $first } .. { $last }: { $enrolled } enrolled ({ $quota }), { $waiting } waiting, { $rejected } rejected
summary-quota = quota { $quota }
summary-no-quota = no quota
summary-money = {"  "}money: { $used } of { $budget } used, { $left } left
summary-funding = { $people } people  { $used } of { $budget }
summary-by-district = {"  "}by district:
summary-more-districts = … { $count } more (summary.json)
summary-rejected = {"  "}rejected:
summary-reason = { $code } { $count }
summary-warning = warning: { $warning }
summary-written = written to { $folder }
summary-chain-head = decision log: { $records } records, chain head { $head }
    {"  "}keep this chain head outside the folder (in the decree or its minutes); `jaring verify { $folder } --expect-head <it>` proves the log unchanged

## Decisions: outcomes, reasons and the rules' checks
## (the texts of `reason_text` in the CSVs and `message` in the log)

outcome-enrolled = enrolled
outcome-waiting = on the waiting list
outcome-rejected = rejected
outcome-invalid = invalid data
reason-quota-full = the quota of { $quota } is filled
reason-sub-quota-full = the sub-quota of { $count } for { $what } { $list } is filled
reason-sub-quota-occupations = occupations
reason-sub-quota-regions = regions
reason-group-quota-full = the share of the quota for group { $group } is filled
reason-funding-exhausted = the funding sources cannot pay for anyone more
reason-duplicate-nik = the same NIK is on row { $first }, which is the one decided
reason-covered-by-other-program = already enrolled in `{ $program }` ({ $title }) for { $first } .. { $last }
check-occupation-eligible = occupation `{ $code }` ({ $label }) is eligible
check-occupation-not-eligible = occupation `{ $code }` ({ $label }) is not among the { $eligible } eligible occupations
check-age = age { $age } on { $at } (born { $born }); the window is { $min } to { $max }
check-residence-within = domicile { $domicile } ({ $name }) is within { $within }
check-residence-outside = domicile { $domicile } ({ $name }) is not within { $within }
check-excluded = excluded as `{ $code }`
check-not-excluded = not `{ $code }`
check-not-excluded-unknown = not `{ $code }` as far as known: the registry has no `{ $column }` column
check-decile = poverty decile { $decile }; the limit is { $max }
check-no-decile = no poverty decile in the registry; the limit is { $max }
exclusion-civil-servant = a civil servant (ASN)
    .not = not a civil servant (ASN)
exclusion-student = a student
    .not = not a student
exclusion-already-covered = already a BPJS Ketenagakerjaan participant
    .not = not yet a BPJS Ketenagakerjaan participant
exclusion-inactive-nik = an inactive NIK
    .not = an active NIK
exclusion-deceased = deceased
    .not = not recorded as deceased
why-occupation-not-eligible = the occupation is not eligible
why-age-outside-window = the age is outside the window
why-outside-residence = the domicile is outside the region
why-excluded = excluded by the policy: { $what }
why-no-poverty-decile = no poverty decile is known
why-poverty-decile-above-limit = the poverty decile is above the limit
why-quota-full = the quota is full
why-sub-quota-full = a sub-quota is full
why-group-quota-full = the group's share is full
why-funding-exhausted = the funding is used up
why-covered-by-other-program = another program already pays
why-duplicate-nik = the NIK is on an earlier row
why-invalid-value = a value cannot be read
why-with-code = { $words } (`{ $code }`)
row-warning-nik-birth-date = the birth date in the NIK differs from the birth date column
row-warning-nik-sex = the NIK and the sex column disagree on the sex
row-warning-nik-regency = the NIK was issued under a regency code that is no longer current
row-warning-domicile-without-dots = the domicile code was written without dots and read as the dotted code

## jaring explain

explain-row = Row { $row } — NIK { $nik }, { $name }
explain-outcome = Outcome: { $outcome }
explain-invalid = the row could not be read; field `{ $field }`: { $reason }
explain-note = note: { $note }
explain-program = Program { $id } — { $title } ({ $region }), { $first } .. { $last }
explain-rules = Rules:
explain-rule = { $mark } { $check } — { $cite }
explain-no-citation = (no citation)
explain-plugin = Plugin { $name } { $version }: { $verdict }, priority { $priority }{ $group }{ $fuel }
explain-plugin-accepted = accepted
explain-plugin-rejected = rejected
explain-plugin-group = , group { $group }{ $region }
explain-plugin-fuel = ; fuel of its batch { $fuel }
explain-plugin-reason = { $message } (plugin reason `{ $code }`)
explain-enrolled = Enrolled, paid by { $funding } ({ $kind }) — { $monthly } × { $months } months = { $total }
explain-funding-cite = funding — { $cite }
explain-waiting = On the waiting list at rank { $rank }: { $reason }; the program pays for at most { $capacity }
explain-quota = quota { $quota } — { $cite }
explain-rejected = Rejected: { $reason }{ $rules }{ $text }{ $cite }
explain-by-rules = {" "}— by the rules marked ✗ above
explain-recorded-text = {" "}— { $text }
explain-cite = {" "}({ $cite })
explain-ranking = Place in line: priority { $priority }{ $keys }; among equals, a fixed draw computed from the NIK decides, the same in every run
explain-ranking-detail = Ranking: priority { $priority }{ $keys }, tie-break sha256(program:NIK) { $tiebreak }

## jaring verify

verify-problem-at = { $file } line { $line }: { $what }
verify-problem = { $file }: { $what }
verify-counts = { $enrolled } enrolled, { $waiting } waiting, { $rejected } rejected, { $invalid } invalid
verify-csv-columns = its columns are not { $columns }
verify-csv-no-column = has no column `{ $column }`
verify-unreadable = cannot be read: { $error }
verify-unreadable-csv = cannot be read: { $error }
verify-csv-field = { $column } is `{ $got }`, the log says `{ $want }`
verify-csv-field-count = it has { $got } fields, not { $want }
verify-csv-line = { $differences }
verify-csv-extra-lines = it has { $count } line(s) more than the log gives
verify-csv-missing-lines = it lacks { $count } line(s) the log gives
verify-header-unreadable = the header cannot be read any more ({ $reason }): the log was changed
verify-unknown-outcome = unknown outcome `{ $outcome }`
verify-not-a-record = the line is not a decision record any more ({ $error })
verify-wrong-head = the chain head is { $head }, not the { $expected } recorded for this run: the log was rewritten
verify-schema-1 = a schema-1 log (written before 2026-12): its chain does not cover the start time, and summary.json and the reason texts of the CSVs are not checked
verify-summary-not-json = it is not JSON any more ({ $error })
verify-summary-layout = its text differs from what the log adds up to (spacing or order)
verify-summary-too-large = it is { $bytes } bytes: a summary jaring writes is a few kilobytes, so this is not the one the log adds up to (it was not read)
verify-summary-missing = `{ $key }` is missing
verify-summary-extra = `{ $key }` is not something the log gives
verify-summary-value = `{ $key }` is { $got }, the log says { $want }
verify-added-file = a run folder holds nothing but what the log names: this was added
verify-line-changed = this line was changed: its chain link and the next line's both break here
verify-header-changed = the header was changed: the first record's chain link does not match it
verify-line-before-changed = this line was changed: line { $line } (row { $row }), which follows it, no longer chains to it
verify-line-before-changed-or-moved = this line was changed, or the line after it removed or moved: line { $line } (row { $row }) does not chain to it
verify-row-again = row { $row } again or out of order (row { $expected } was expected)
verify-row-missing = row { $expected } is missing (this line holds row { $row })
verify-no-trailer = the trailer is missing: the log was cut short
verify-bad-trailer = the trailer cannot be read ({ $error })
verify-trailer-records = the trailer counts { $trailer } records, the log has { $records }
verify-trailer-counts = the trailer's counts ({ $trailer }) differ from the records' ({ $records })
verify-trailer-head = the trailer's chain head { $trailer } is not the last record's hash { $head }
verify-trailer-tree-head = the trailer's head { $trailer } is not the head the header, the number of records and their root give: { $head }
verify-header-hash = the header was changed (its time, or anything else): the trailer's header_sha256 does not match
verify-header-rows = the header says { $rows } registry rows, the log has { $records } records
artifact-path = the log names the archived file `{ $file }`, which is not a path inside `artifacts/` of the form `artifacts/<sha256>.<ext>`: the log was altered
verify-artifact-hash = its sha256 is { $actual }, not the { $recorded } the log records (from { $name })
verify-intact = intact: { $records } records ({ $counts }); artifacts, CSVs and summary agree
    chain head { $head }
verify-give-head = (give --expect-head with the chain head recorded at the run to rule out a rewritten log)
verify-tampered = TAMPERED OR INCONSISTENT: { $count } problem(s)
verify-note = note: { $note }

## jaring replay and its impact report

replay-identical = replayed { $records } records: 0 divergences
replay-diverges = replayed { $records } records: { $count } DIVERGE from the log
impact-heading = impact of the change on { $records } records:
impact-counts = { $gains } gain (enrolled now), { $losses } lose (no longer enrolled), { $moves } move on the waiting list, { $other } other changes
impact-money = money { $program } / { $funding }: { $before } → { $after } ({ $change })
impact-gains = gain
impact-losses = lose
impact-moves = move
impact-other = other
impact-list = {""}
    { $title } ({ $count }):
impact-change = row { $row } { $nik } { $name } [{ $program }]: { $before } → { $after }
impact-more = … { $count } more (--format json lists all)
brief-not-decided = not decided
brief-enrolled = enrolled ({ $funding })
brief-waiting = waiting, rank { $rank } ({ $reason })
brief-rejected = rejected ({ $reason })
brief-row = { $outcome }
brief-row-differs = { $outcome } (the record differs)

## jaring explain and export: what to ask

explain-what = give a NIK or --row N
export-needs-redact = only redacted exports are supported: pass --redact (a full copy is a plain copy of the folder)
export-written = redacted copy written to { $folder }
export-not-intact = the run folder does not verify, so it is not exported (run `jaring verify` on it):
    { $problems }
export-bad-record = a record cannot be read: { $error }
export-io = cannot write the copy: { $error }
export-parquet-written = the decision log as tables (records.parquet, decisions.parquet, rules.parquet) written to { $folder }; they join on `row`, and hold NIKs and names: share them only with whoever may see the registry, or export with --redact
export-parquet-written-redacted = the decision log as redacted tables (records.parquet, decisions.parquet, rules.parquet) written to { $folder }; they join on `row`

## The command line: help texts (`help-<command>-<option>`) and its mistakes

help-jaring = Auditable enrollment of vulnerable workers in BPJS Ketenagakerjaan, by regional policy
help-jaring-color = When to colour human output: `auto` (the default), `always` or `never`
help-jaring-lang = The language of messages: `en`, or `id` (Bahasa Indonesia). Default: `JARING_LANG`, else `LC_ALL`/`LANG` when they name Indonesian, else English
help-heading-usage = Usage:
help-heading-arguments = Arguments
help-heading-options = Options
help-heading-commands = Commands
help-value-command = COMMAND
help-help = Print help
help-version = Print version
help-check = Check policy files (or folders of `.policy` files) and report every problem
help-check-paths = Files or folders; folders are searched for `*.policy` (default: the current folder)
help-check-format = `human` (on stderr, the default) or `json` (an array on stdout)
help-fmt = Rewrite policy files in the canonical layout (`-` reads stdin, writes stdout)
help-fmt-paths = Files or folders; folders are searched for `*.policy` (default: the current folder)
help-fmt-check = Change nothing; list the files that are not formatted and exit 1 if any
help-plugin = Build and inspect region plugins
help-plugin-new = Make a new plugin: its folder in the plugin workspace, a first plugin with a unit test and a README, recorded in the workspace's lock file
help-plugin-new-name = The plugin's name: lowercase letters, digits and hyphens (it names the folder, the crate and the `.wasm`)
help-plugin-new-language = `rust` (the default) or `js` (a `plugin.js` in `plugins/js/NAME`, built with ComponentizeJS)
help-plugin-new-workspace = The plugin workspace (default: `plugins`, from the repository root)
plugin-new-name = `{ $name }` cannot name a plugin: use a lowercase letter, then lowercase letters, digits and single hyphens, at most 40 characters (not `sdk`, `wit`, `target` or `src`), such as `my-region`
plugin-new-no-workspace = { $dir } is not the plugin workspace (its Cargo.toml has no [workspace]); run from the repository root, or give --workspace
plugin-new-exists = { $dir } already exists; nothing was written. Choose another name, or remove that folder first
plugin-new-cannot-write = cannot write { $dir }: { $error }; nothing was left behind
plugin-new-no-js = { $dir } does not hold the JavaScript SDK and build (sdk/jaring-plugin.js, build.mjs); run from the repository root, or give --workspace
plugin-new-made-js = made { $dir }. Next: `jaring plugin build { $dir }`, pin the sha256 it prints in your policy with the limits in { $dir }/README.md, and `jaring plugin test <policy>`
plugin-new-lock = the workspace's Cargo.lock could not be brought up to date here (`cargo update --workspace --offline` in { $workspace } failed); `jaring plugin build` will try again
plugin-new-made = made { $dir }. Next: `(cd plugins && cargo test -p { $name })`, then `jaring plugin build { $dir }`, pin the sha256 it prints in your policy, and `jaring plugin test <policy>`; see { $dir }/README.md
help-plugin-build = Build a plugin crate into a component and print its sha256
help-plugin-build-dir = The plugin's folder (its Cargo.toml), or a hand-written core module (`.wat` or `.wasm`) following the contract's canonical ABI
help-plugin-build-out = Where to write the component (default: `<dir>/<name>.wasm`, or `<file>.component.wasm` for a module)
help-plugin-test = Run a policy's pinned plugin as a run would, over a registry or synthetic applicants, and check it against the contract: loading under its pin and limits, personal columns, every answer, fuel per applicant and per batch, memory, the same answers in other batches and in a second run, apportionment. Exit 0 all passed, 1 a check failed, 2 it could not run
help-plugin-test-policies = The policy files (their pinned plugins are tested)
help-plugin-test-registry = A registry to take the applicants from (default: synthetic applicants for the policy, as `jaring synth` makes them)
help-plugin-test-count = How many synthetic rows, and at most how many applicants are asked about one at a time (default 1.000; all are asked about in the policy's batches)
plugin-breach = the pinned plugin, run over 200 synthetic applicants for this policy, breaks the contract: { $why }. `jaring plugin test { $policy }` shows the first applicant and every other check
plugin-test-no-plugin = none of these policies pins a plugin: there is nothing to test
plugin-test-registry = the registry { $file }
plugin-test-synth = { $count } synthetic rows (`jaring synth`, seed 1)
plugin-test-source = { $source }; { $eligible } eligible by the policy's rules, asked about
plugin-test-head = { $program }: plugin { $plugin } — { $source }
plugin-test-pass = PASS
plugin-test-fail = FAIL
plugin-test-loads = loads: { $name } { $version }, under its pin; { $bytes } bytes (limit { $limit }); compiled in { $seconds } s
plugin-test-loads-not = loads: no — { $why }
plugin-test-columns = personal data: none asked for ({ $count } extra column(s) declared, none of them personal)
plugin-test-nobody = applicants: the policy's rules leave nobody eligible in these rows, so the plugin was not asked about anyone; give a registry with eligible people (--registry) or more rows (--count)
plugin-test-row = registry row { $row }: { $why }
plugin-test-contract = every answer keeps the contract (ids, priorities, groups, cited regulations, texts): the first { $alone } applicants asked about one at a time, all { $count } in the policy's batches
plugin-test-fuel = fuel per applicant (one call each, starting the call included): median { $median }, p99 { $p99 }, max { $max } (registry row { $row }); limit { $limit }
plugin-test-batches-not = in the policy's batches: { $why }
plugin-test-batches = fuel per batch: { $batches } batch(es) of up to { $size }, max { $max }; limit { $limit }
plugin-test-memory = memory: peak { $peak } KiB; limit { $limit } KiB
plugin-test-independent = batch independence: every answer alone is the answer in the policy's batches
plugin-test-not-independent = batch independence: registry row { $row } is answered differently alone than in a batch with others
plugin-test-deterministic = determinism: a second run gives the same answers
plugin-test-not-deterministic = determinism: registry row { $row } is answered differently in a second run
plugin-test-apportions = apportionment: { $total } places spread over { $groups } group(s), adding up
plugin-test-apportions-not = apportionment: { $why }
help-plugin-fixture = Write Rust for a plugin's unit tests: `program()`, the policy's program exactly as the host sends it (regulations, funding, quotas, parameters), and `row_<n>()`, each registry row given as a run shows it to the plugin
help-plugin-fixture-policy = The policy file
help-plugin-fixture-registry = The registry the rows are taken from
help-plugin-fixture-row = A registry row to include (repeat for more)
help-plugin-fixture-out = Where to write it (default: standard output), such as `plugins/my-region/src/fixture.rs`
plugin-fixture-registry = --row needs --registry: the registry the rows are taken from
plugin-fixture-row = registry row { $row } is not one the plugin is asked about: it is not in the registry, cannot be read, or the policy's rules turn it away (`jaring explain` of a run says which)
help-plugin-inspect = Show a plugin's contract version, imports, exports, size and sha256
help-plugin-inspect-file = The plugin file (`.wasm`)
help-plugin-inspect-format = `human` (the default) or `json`
help-run = Decide a registry under one or more policies and write the results
help-run-policies = Policy files; programs others yield to are decided first
help-run-registry = The registry of candidates: CSV (`,` or `;`), JSON Lines, or a workbook (.xlsx, .xls, .ods)
help-run-sheet = The sheet of a workbook registry to read (default: the first visible one)
help-value-sheet = NAME
help-value-time-zone = ZONE
help-run-xlsx = Also write hasil.xlsx: the results as one workbook (enrolled, waiting, rejected, invalid, summary), checked by verify like the CSVs
help-run-table = With a PostgreSQL registry (`--registry postgresql://user@host/database`): the table holding it (`schema.table` allowed)
help-run-query = With a PostgreSQL registry: a SELECT giving it (read in a read-only transaction: it can read, never write)
help-run-time-zone = With a PostgreSQL registry: the time zone its `timestamptz` values are read in, so that a date entered there, kept as midnight, is that date: WIB, WITA, WIT or a name such as Asia/Makassar (default: UTC)
run-time-zone-without-database = --time-zone says how a PostgreSQL registry's `timestamptz` values are read: give --registry postgresql://user@host/database, or leave --time-zone out (a file's dates are read as written)
run-postgres-source = a registry in PostgreSQL needs exactly one of --table NAME or --query "SELECT …"
run-table-without-database = --table and --query read a registry from PostgreSQL: give --registry postgresql://user@host/database
registry-postgres = cannot read the registry from { $url }: { $error }
registry-postgres-time-zone = the database does not know the time zone `{ $zone }`: name the zone the dates were entered in, as WIB, WITA or WIT, or as the database names it (Asia/Jakarta, Asia/Makassar, Asia/Jayapura, UTC)
registry-postgres-too-large = the registry from { $url } is larger than { $bytes } bytes as CSV; split it (--query with a WHERE) or export it to a file
registry-postgres-row-too-long = row { $row } of the registry from { $url } is longer than { $limit } as text: no applicant's row is that long (a column holding a document or a picture?). Leave that column out with a --query that names the columns to read; nothing was written
help-run-out = A new (or empty) folder for the results
help-run-force = Replace the folder's contents if it is not empty
help-run-quiet = No progress bar and no summary on the terminal
help-verify = Check a run folder: the log's hashes, counts, artifacts, and that the CSVs agree with the log
help-verify-dir = The run folder (as `jaring run --out` wrote it, or a copy)
help-verify-expect-head = The chain head recorded when the run was made (in the decree or its minutes)
help-verify-format = `human` (the default) or `json`
help-replay = Decide a recorded run again from its own inputs; with --policy/--plugin, show who a change would affect
help-replay-dir = The run folder (as `jaring run --out` wrote it, or a copy)
help-replay-policy = A new policy replacing the recorded program with the same id
help-replay-plugin = A new plugin for the program (given by --program when the run has several)
help-replay-program = The program --plugin is for, by id
help-explain = Explain one decision in plain words, with the legal basis of each rule
help-explain-dir = The run folder (as `jaring run --out` wrote it, or a copy)
help-explain-nik = The NIK of the person
help-explain-row = Or the registry row
help-explain-detail = Also show what auditors check: reason codes, the plugin's fuel, the tie-break value
help-export = Write a shareable copy of a run folder with NIKs and names masked, or its decision log as Parquet tables for analysts
help-export-format = What to write: `folder`, a redacted copy of the run folder (needs --redact); `parquet`, the decision log as tables for analysts (records, decisions, rules)
help-export-dir = The run folder (as `jaring run --out` wrote it, or a copy)
help-export-redact = Mask NIKs, names and other personal data (required for a folder copy)
help-export-out = The folder to create for the copy or the tables (must not exist or be empty)
help-export-force = Replace the contents of --out if it is not empty
help-synth = Write a realistic synthetic registry for a program
help-synth-program = The program's policy file
help-synth-count = How many rows
help-synth-seed = The same seed gives the same registry (default: 1)
help-synth-dirty = Add the errors real registries have (broken NIKs, bad dates, unknown codes, repeats)
help-synth-format = `csv` (the default), `csv-semicolon` (BOM, `;`, CRLF, as spreadsheets export), `jsonl`, or `xlsx` (a workbook with a title above the table, date cells; at most 1.048.572 rows)
help-synth-out = Where to write (default: standard output)
cli-try-help = For more information, try `--help`.
cli-unknown-argument = `{ $arg }` is not an option of this command{ $suggestion }
cli-unknown-command = `{ $command }` is not a jaring command{ $suggestion }
cli-invalid-value = `{ $value }` is not a valid value for `{ $arg }`; the values are { $valid }
cli-bad-value = `{ $value }` is not a valid value for `{ $arg }`
cli-missing-argument = these must be given: { $args }
cli-missing-command = name a command, like `jaring check` or `jaring run`
cli-conflict = `{ $arg }` cannot be given with `{ $other }`
cli-value-count = `{ $arg }` is given the wrong number of values
cli-not-utf8 = an argument is not valid text (UTF-8)
cli-unreadable = the command line cannot be read
cli-unreadable-folder = cannot read folder `{ $folder }`: { $error }
cli-no-policies = no `.policy` files in `{ $folder }`
cli-no-such-path = `{ $path }` does not exist
cli-cannot-read = cannot read `{ $file }`: { $error }
cli-cannot-read-stdin = cannot read standard input: { $error }
cli-cannot-write = cannot write `{ $file }`: { $error }
cli-cannot-write-stdout = cannot write to standard output: { $error }
cli-cannot-replace = cannot replace `{ $file }`: { $error }
stage-check = checking policies
stage-read = reading the registry
stage-write = writing the outputs and the decision log
stage-rules = { $program }: rules
stage-plugin = { $program }: plugin { $plugin }
stage-independence = { $program }: plugin independence check
stage-answers = { $program }: plugin answers
stage-allocation = { $program }: allocation
plugin-built = built { $file } ({ $bytes } bytes)
plugin-pin-it = pin it in the policy's plugin block:  sha256 "{ $sha256 }"
plugin-inspect-file = file
plugin-inspect-sha256 = sha256
plugin-inspect-size = size
plugin-inspect-bytes = { $bytes } bytes
plugin-inspect-contract = contract
plugin-inspect-no-contract = none (not a jaring plugin)
plugin-inspect-plugin = plugin
plugin-inspect-apportions = {" "}(apportions quotas)
plugin-inspect-imports = imports
plugin-inspect-exports = exports
plugin-inspect-none = none
plugin-inspect-loads = loads
plugin-inspect-yes = yes
plugin-inspect-no = no: { $why }
help-value-paths = PATHS
help-value-format = FORMAT
help-value-dir = DIR
help-value-out = OUT
help-value-file = FILE
help-value-policies = POLICIES
help-value-registry = REGISTRY
help-value-expect-head = EXPECT_HEAD
help-value-policy = POLICY
help-value-plugin = PLUGIN
help-value-program = PROGRAM
help-value-nik = NIK
help-value-row = ROW
help-value-count = COUNT
help-value-seed = SEED
help-value-color = COLOR
help-value-lang = LANG
help-value-options = [OPTIONS]

## Invalid registry rows (the `reason_text` of `rejections.csv` for them)

verbatim = { $text }
invalid-birth-date-empty = the birth date is empty
invalid-birth-date = `{ $text }` is not a date; write YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY
invalid-birth-date-time = `{ $text }` is a moment, not a day: its time of day is not midnight, so its date depends on the time zone it is read in. Write the date alone (YYYY-MM-DD); a database column of type `timestamptz` is read at midnight with `--time-zone` naming the zone the dates were entered in (WIB, WITA or WIT)
invalid-birth-year = `{ $text }` has the year { $year }
invalid-birth-day = there is no day `{ $text }`
invalid-sex-empty = the sex is empty
invalid-sex = `{ $text }` is not a sex; write L or P
invalid-decile = `{ $text }` is not a poverty decile (1 to 10)
invalid-flag = `{ $text }` is not yes or no (ya/tidak)
invalid-nik-status = `{ $text }` is not a NIK status (aktif, tidak aktif, meninggal)
invalid-domicile-empty = the domicile code is empty
invalid-domicile-unknown = there is no region `{ $code }`
invalid-domicile-name = there is no { $level } named `{ $name }`{ $place }{ $near }
place-in = {" "}in { $place }
place-near = ; did you mean { $near }?
invalid-domicile-ambiguous = `{ $name }` names several regions: { $candidates }; write the domicile code, or the district as well
invalid-domicile = `{ $text }` is not a Kemendagri region code
invalid-nik-empty = the NIK is empty
invalid-nik-spreadsheet = the NIK was turned into a number by a spreadsheet and lost its last digits; export the column as text
invalid-nik-digits = a NIK has only digits
invalid-nik-length = a NIK has 16 digits, this one has { $digits }
invalid-nik-province = a NIK starts with a province code, and there is no province { $province }
invalid-nik-regency = the NIK's regency { $regency } is neither a current Kemendagri code nor a known former one
invalid-nik-date = the NIK's date part `{ $date }` is not a date (day, month, year; women's day + 40)
invalid-nik-serial = the NIK's last four digits (the serial) cannot be 0000
invalid-name-empty = the name is empty
invalid-occupation-empty = the occupation is empty
invalid-occupation = `{ $text }` is not in the occupation catalog; add it there as a synonym if it is a real spelling
invalid-not-utf8 = the column `{ $column }` is not UTF-8 text (a spreadsheet saved in another encoding?); export the registry as UTF-8
invalid-json-not-object = the line is not a JSON object
invalid-json = the line is not JSON: { $error }
invalid-field-count = the row has { $fields } fields, the header { $header }

## What the operating system says about a file (English uses the system's own words)

io-not-found = no such file or folder
io-permission-denied = permission denied
io-already-exists = it already exists
io-is-a-directory = it is a folder, not a file
io-not-a-directory = it is not a folder
io-directory-not-empty = the folder is not empty
io-storage-full = the disk is full
io-read-only = the disk is read-only
io-invalid-data = its content is not valid text
io-too-large = the file is too large
io-cut-short = the file ends too early
io-too-many-open-files = too many files are open at once: the limit this process was given (`ulimit -n`) is too low for this run; raise it (for example `ulimit -n 4096`, or ask the administrator to raise the hard limit) and run again

## A plugin's answers that break the contract

contract-in-run = { $problem } (in a run, an applicant's id is their registry row; `jaring plugin test` with --registry shows every check)
contract-unknown-id = it answered for applicant id { $id }, who was not asked about ({ $asked } asked, { $answered } answers)
contract-twice = it answered twice for applicant id { $id }
contract-missing = it gave no answer for applicant id { $id }{ $others } ({ $asked } asked, { $answered } answers)
contract-others = {" "}and { $count } others
contract-priority = priority { $priority } for applicant id { $id } is outside 0..={ $max }
contract-group = group `{ $group }` for applicant id { $id } is neither a region inside { $region } nor an occupation of the program
contract-notes = { $count } notes for applicant id { $id }; at most { $max } are allowed
contract-note-long = a note of { $bytes } bytes for applicant id { $id }; at most { $max } are allowed
contract-what-note = a note
contract-what-message = the rejection message
contract-what-article = the cited article
contract-reason-code = rejection reason `{ $code }` for applicant id { $id } is not a short kebab-case code
contract-reason-message = the rejection of applicant id { $id } needs a message of 1 to { $max } bytes
contract-article-long = the rejection of applicant id { $id } cites an article of { $bytes } bytes; at most { $max } are allowed
contract-regulation = the rejection of applicant id { $id } cites `{ $regulation }`, which the program does not declare
contract-quota-unknown-group = it gave a quota to group `{ $group }`, which was not asked about
contract-quota-twice = it gave group `{ $group }` two quotas
contract-quota-too-large = it gave group `{ $group }` a quota of { $quota }, more than its { $eligible } eligible applicants
contract-quota-missing = it gave no quota to group `{ $group }`
contract-quota-sum = its quotas add up to { $sum }, not to the { $total } places to spread
contract-control = { $what } for applicant id { $id } holds a control character (`{ $text }`); plugin text must be printable: no line breaks, escape sequences or direction overrides
plugin-backtrace = {""}
    wasm backtrace:{ $frames }
info-name = name
info-version = version
info-too-many-columns = it asks for { $count } registry columns; at most { $max } are allowed
info-bad-column = `{ $column }` is not a column name (1 to { $max } bytes of letters, digits, spaces, `_`, `-` or `.`)
info-column-twice = it asks for the column `{ $column }` twice
info-not-printable = its { $what } `{ $value }` must be 1 to { $max } bytes of printable text
scan-plugin-size = the file is { $bytes } bytes; at most { $kib } KiB are allowed; if the plugin is right to be this large, raise `limit plugin-kib` in the policy's plugin block (at most { $max })
scan-not-wasm = it is not a valid WebAssembly component: { $error }
scan-core-module = it is a core WebAssembly module, not a component; build it with `jaring plugin build`
scan-one-memory = it declares { $count } linear memories; a plugin has exactly one, capped by `limit memory-mib`
scan-table-size = it declares a table of { $entries } entries; a plugin's tables hold at most { $max }
scan-function-size = function #{ $index } is { $bytes } bytes of code; at most { $kib } KiB are allowed per function, so that compiling stays within time and memory; split the function, or raise `limit function-kib` in the policy's plugin block (at most { $max })
scan-instances = it creates more than { $max } core module instances; a plugin needs a handful
scan-utf16 = it passes strings as UTF-16; jaring plugins pass UTF-8 (the default of every toolchain)
plugin-cannot-read = cannot read the file: { $error }
plugin-not-contract = it follows none of the contracts jaring runs ({ $contract }): { $error }
plugin-too-demanding = it asks for more than a plugin instance is given: { $error }
plugin-asked-alone = alone
plugin-asked-mixed = in a batch of other applicants, in another order and under another id
plugin-answer = “{ $verdict }, priority { $priority }{ $group }{ $notes }”
plugin-answer-accept = accept
plugin-answer-reject = reject `{ $reason }`
plugin-answer-group = , group `{ $group }`
plugin-answer-notes = , notes `{ $notes }`
warning-policy-at = { $file } line { $line }: { $warning } [{ $code }]
warning-policy = { $file }: { $warning } [{ $code }]

## Regions and occupations looked up

level-province = province
level-regency = regency or city
level-district = district
level-village = village
occupation-neighbours = occupations registries spell alike, not listed: { $pairs }
    .help = registries write those spellings for other occupations; add them to `occupations` if the decree means them too (`jaring occupations <word>` shows every spelling)
occupation-neighbour = `{ $code }` does not cover { $others }
region-by-name = `{ $name }` is a region's name; a policy names regions by their Kemendagri code
    .label = a name, not a code
    .help-one = write `{ $code }` ({ $path })
    .help-many = it could be { $candidates }; `jaring regions { $name }` lists them with their codes
    .help-none = no region has that name; find its code with `jaring regions <name>`
lookup-no-region = there is no region `{ $code }`
lookup-no-region-named = no region is named like `{ $name }`; try fewer words, or a code
lookup-bad-catalog = the occupation catalog has errors:
    { $report }
lookup-reads-as = a registry's `{ $written }` is read as `{ $code }` ({ $label })
lookup-reads-as-nothing = a registry's `{ $written }` is no spelling the catalog knows: such rows are invalid
lookup-spellings = registries write: { $spellings }
lookup-neighbours = its spellings overlap those of { $others }: listing `{ $code }` does not list them
help-regions = Find a region's Kemendagri code by its name (or a code's name), as policies need it
help-regions-query = A name as people write it (`Samarinda Ulu`, `Kab. Paser`, `kec sepaku`) or a code
help-regions-within = Only regions inside this code
help-regions-limit = How many to show (default: 20)
help-regions-format = `human` (the default) or `json`
help-occupations = Find occupation codes by a word, with every spelling registries use and which code each is read as
help-occupations-word = A word or a registry's spelling (`PEDAGANG`, `pedagang kaki lima`)
help-occupations-catalog = The occupation catalog (default: `occupations.toml` here or in `policies/`, else the built-in one)
help-occupations-format = `human` (the default) or `json`
help-value-query = NAME
help-value-within = CODE
help-value-limit = N
help-value-word = WORD
help-value-catalog = FILE

## jaring test

cases-unreadable = cannot read `{ $file }`: { $error }
cases-toml = `{ $file }` line { $line } cannot be read: { $detail }
cases-bad-case = `{ $file }`, case “{ $case }”: { $problem }
cases-reason-only-rejected = a `reason` goes with `expect = "rejected"` only
cases-bad-expect = `expect` is `eligible`, `rejected` or `invalid`, not `{ $expect }`
cases-bad-value = the value of `{ $column }` ({ $value }) is neither text, a number, yes/no nor a date
cases-policy = the policy `{ $file }` has errors, so its cases cannot be decided:
    { $report }
cases-no-program = `{ $file }` holds no program
test-none-in = no `*.tests.toml` files in `{ $folder }`
test-no-file = `{ $policy }` has no test file: write its cases in `{ $tests }`
test-file = { $tests } (program `{ $program }`)
test-passed = ✓ { $name }
test-failed = ✗ { $name }: expected { $expected }, but { $got }
test-eligible = eligible
test-rejected = rejected
test-rejected-for = rejected for `{ $code }`
test-invalid = invalid data
test-got-rejected = rejected for `{ $code }` ({ $text })
test-got-invalid = invalid data (`{ $field }`: { $text })
test-coverage = rules (each should be passed by some case and failed by another):
test-rule = { $mark } { $rule } — passed by { $passed }, failed by { $failed }
test-all-passed = { $total } { $total_plural ->
        [one] case
       *[other] cases
    } in { $files } { $files_plural ->
        [one] file
       *[other] files
    }: all passed
test-some-failed = { $total } { $total_plural ->
        [one] case
       *[other] cases
    } in { $files } { $files_plural ->
        [one] file
       *[other] files
    }: { $failed } FAILED
help-test = Decide the cases written beside each policy (`x.tests.toml` beside `x.policy`) and say which do not come out as expected
help-test-paths = Test files, policies (their test file is used) or folders (searched for `*.tests.toml`; default: the current folder)
help-test-coverage = Also list each rule of the policy and how many cases pass and fail it
help-test-format = `human` (the default) or `json`
rule-words-occupation = occupation is one of { $codes }
rule-words-age = age { $min } to { $max } on { $at }
rule-words-residence = domicile within { $codes }
rule-words-decile = poverty decile at most { $max }
rule-reserve = the reserve
what-reserve = reserve
reserve-above-total = this reserve ({ $count }) is larger than the program's quota ({ $total })
    .help = a reserve holds part of the quota for a group and cannot exceed the whole
reserve-without-quota = places can be reserved only within a quota
    .help = write the program's `quota` first; a reserve holds part of it
reserves-exceed-total = the reserves add up to more than the quota: { $terms } = { $sum } > { $total }
    .help = lower the reserves or raise the quota
summary-sub-quota = {"  "}sub-quota for { $group }: { $enrolled } of { $count } enrolled, { $waiting } waiting
summary-reserve = {"  "}reserved for { $group }: { $filled } of { $count } places filled, { $waiting } waiting ({ $unused })
summary-reserve-released = unused places go to everyone else
summary-reserve-kept = unused places stay empty
rule-rank = the ranking
expect-rank-key = a ranking key (`poverty-decile`, `age` or `column <name>`, then `ascending` or `descending`)
rank-personal = the waiting line cannot be ordered by `{ $column }`: it holds identity or personal data
    .help = order by what the decree names: `poverty-decile`, `age`, or a column such as the proposal order (`column urutan_usulan`)
unknown-rank-key = `{ $key }` is not something to rank by
    .help = rank by `poverty-decile`, `age`, or a registry column: `column { $key }`
rank-key-twice =
    .help = each key orders the line once
summary-order = {"  "}order: { $steps } (the draw placed { $draw } behind an equal)
order-plugin = the plugin's priority
order-draw = the draw by NIK
explain-keys = , then { $keys }
explain-key = `{ $key }` ({ $value })
explain-key-missing = not known, so last

## jaring diff

diff-heading = { $program }: { $old } → { $new }
diff-none = the same people are eligible, and every figure is the same
diff-gains = newly eligible: { $who }
diff-loses = no longer eligible: { $who }
diff-everyone = everyone
diff-any-listed = any listed occupation
diff-occupations = occupation { $codes }
diff-born = born { $lo } … { $hi }
diff-born-aged = born { $lo } … { $hi } (aged { $young } to { $old } on { $at })
diff-open = (any)
diff-living-in = living in { $area }
diff-living-in-except = living in { $area } but not in { $except }
diff-flag = { $what }: { $values }
diff-flag-yes = yes
diff-flag-no = no
diff-flag-unknown = not recorded
diff-nik-status = NIK status { $values }
diff-status-active = active
diff-status-inactive = inactive
diff-status-deceased = deceased
diff-decile = poverty decile { $values }
diff-decile-none = not recorded
diff-figure = { $what }: { $old } → { $new }
diff-figure-quota = quota
diff-figure-period = period
diff-figure-benefits = benefits
diff-figure-wage = declared wage
diff-figure-premium = premium per worker
diff-figure-budget = budget
diff-figure-funding = funding sources
diff-figure-groups = sub-quotas and reserves
diff-figure-rank = rank by
diff-plugin-same = a plugin decides too (the same in both): among those the rules make eligible it may still reject someone or rank them
diff-plugin-changed = the plugin changed: anyone the rules make eligible in both versions may be decided differently; `jaring replay --plugin` shows whom, on a registry
help-diff = Say exactly who a policy change makes eligible or no longer eligible (every possible applicant, not a sample) and which figures change
help-diff-old = The policy as it is
help-diff-new = The policy as changed
help-diff-format = `human` (the default) or `json`
help-value-old = OLD
help-value-new = NEW
diff-otherwise = { $who } (and eligible by every other rule of both)
warning-rank-column = `{ $program }`: the registry has no `{ $column }` column, so `rank by column { $column }` ranks everyone alike
explain-sub-quota = In the sub-quota for { $group }: { $enrolled } of { $count } enrolled, { $waiting } waiting
explain-reserve = In the places reserved for { $group }: { $filled } of { $count } filled, { $waiting } waiting

## hasil.xlsx: sheets, column headings, summary lines, and what verify finds in it
sheet-title = Results of the run
sheet-enrolled = Enrolled
sheet-waiting = Waiting list
sheet-rejected = Rejected
sheet-invalid = Invalid
sheet-summary = Summary
col-row = Row
col-nik = NIK
col-name = Name
col-program = Program
col-funding-source = Funding source
col-first-month = First month
col-last-month = Last month
col-months = Months
col-monthly-premium = Monthly premium (Rp)
col-total-premium = Total premium (Rp)
col-occupation = Occupation code
col-occupation-name = Occupation
col-domicile = Domicile code
col-district-name = Kecamatan
col-village-name = Desa/kelurahan
col-rank = Rank
col-priority = Priority
col-reason = Reason code
col-reason-text = Reason
col-citation = Legal basis
col-field = Field
col-outcome = Outcome
col-other = { $name }
sum-registry = Registry
sum-rows = Rows
sum-enrolled = Enrolled
sum-waiting = Waiting
sum-rejected = Rejected
sum-invalid = Invalid rows
sum-duplicates = Repeated NIKs
sum-invalid-field = Invalid because of { $field }
sum-registry-sha256 = Registry file (sha256)
sum-chain-head = Chain head of the decision log
sum-program = Program { $id }
sum-title = Title
sum-region = Region
sum-period = Period
sum-quota = Quota
sum-budget = Budget
sum-used = Premiums paid
sum-left = Budget left
sum-funding-enrolled = { $id }: people
sum-funding-used = { $id }: premiums paid (budget { $budget })
sum-waiting-reason = Waiting: { $reason }
sum-rejected-reason = Rejected: { $reason }
sum-district = Enrolled in { $name } ({ $code })
verify-workbook-unreadable = cannot be read as a workbook: { $error }
verify-workbook-source = cannot compare it with { $file }: { $error }
verify-workbook-no-sheet = has no sheet `{ $sheet }`
verify-workbook-sheet-name = the sheet `{ $sheet }` stands where `{ $want }` should
verify-workbook-extra-sheet = has a sheet `{ $sheet }` that shows no file of the run
verify-workbook-sheet-unreadable = a sheet cannot be read: { $error }
verify-workbook-gap = a row is missing before this one (row { $row } expected)
verify-workbook-headings = the headings are not { $headings }
verify-workbook-extra-row = has a row { $file } does not have
verify-workbook-missing-rows = lacks { $count } line(s) of { $file }
verify-workbook-cell = `{ $column }` says `{ $got }`, the run's files say `{ $want }`
verify-in-sheet = sheet `{ $sheet }`: { $what }

## jaring annex and jaring report
office-not-a-run = `{ $folder }` is not a run folder: it has no decisions.jsonl
office-not-intact = the run folder does not verify ({ $count } problem(s)), so nothing is made from it; `jaring verify` lists them:
office-old-log = this run's log is of schema { $schema }, older than the documents need; run it again with this jaring
office-no-program = the run has no program `{ $id }`; its programs: { $ids }
office-which-program = the run decided several programs: name one with --program ({ $ids })
office-out-in-run = `{ $file }` would be inside a run folder, which then would no longer verify; write it elsewhere
office-out-is-folder = `{ $file }` is a folder; give a file name
office-out-exists = `{ $file }` exists; give another name, or --force to replace it
office-cannot-write = cannot write `{ $file }`: { $error }
office-unreadable = cannot read { $file }: { $error }
office-written = written to { $file }
annex-kind = `{ $file }`: an annex is written as .xlsx or .pdf; end the name with one of them
annex-too-long-for-xlsx = the annex needs { $lines } lines, more than a worksheet holds (1.048.576); write it as .pdf
annex-annex = ANNEX
annex-title = List of workers enrolled: { $title }
annex-facts = Region: { $region } ({ $code }) · Period: { $period } · Premium per worker: { $premium }
annex-period = { $first } to { $last } ({ $months } { $months_plural ->
    [one] month
   *[other] months
})
annex-no-period = no months
annex-legal-basis = Legal basis:
annex-col-number = No.
annex-col-months = Months
annex-col-premium = Premium (Rp)
annex-district = Kecamatan { $name } ({ $code })
annex-village = Desa/Kelurahan { $name } ({ $code })
annex-no-district = Domicile coded above kecamatan level
annex-no-village = Domicile coded at kecamatan level
annex-village-total = Total { $name }: { $people } { $count ->
    [one] person
   *[other] people
}
annex-district-total = Total Kecamatan { $name }: { $people } { $count ->
    [one] person
   *[other] people
}
annex-grand-total = GRAND TOTAL: { $people } { $count ->
    [one] person
   *[other] people
}
annex-in-words = In words (terbilang): { $words }
annex-nobody = No one was enrolled in this program.
annex-continued = { $district } · { $village } (continued)
annex-footer = Program { $id } · decision log chain head { $head } (jaring verify RUN_DIR --expect-head { $head })
annex-page = Page { $page } of { $pages }
annex-written = annex of { $id } written to { $file }: { $people } people in { $districts } kecamatan, { $total } ({ $words })
help-annex = Write the decree annex of a run: the enrolled workers by kecamatan and desa, with subtotals and the total in words, as .xlsx or .pdf
help-annex-dir = The run folder (it must verify)
help-annex-out = The file to write: a name ending in .xlsx or .pdf
help-annex-program = The program, when the run decided several
help-annex-expect-head = The chain head recorded at the run; the annex is made only if the log still ends in it
help-annex-force = Replace the file if it exists
report-title = Report of the run
report-registry = Registry
report-registry-sha256 = Registry file (sha256)
report-started = Run started
report-chain-head = Chain head of the decision log
report-made-by = Made by
report-rows = Every row of the registry, counted once
report-rows-reconciled = { $rows } rows = { $enrolled } enrolled + { $waiting } waiting + { $rejected } rejected (of whom { $duplicates } repeat an earlier NIK) + { $invalid } invalid
report-enrolled = Enrolled
report-waiting = Waiting
report-rejected = Rejected
report-invalid = Invalid
report-used = Premiums paid
report-left = Budget left
report-money = Money against budget, per funding source
report-all-sources = All sources
report-of = { $part } of { $whole } ({ $percent })
report-quota = Quota
report-no-quota = This program has no quota: the budget alone limits it.
report-sub-quota = Sub-quota { $group }
report-reserve = Reserve { $group }
report-filled = Filled
report-open = Open
report-by-district = Enrolled and waiting per kecamatan
report-enrolled-waiting = { $enrolled } enrolled, { $waiting } waiting
report-waiting-reasons = Why people wait
report-rejected-reasons = Why people were rejected
report-invalid-rows = Invalid rows, by field
report-duplicates = Rows that repeat an earlier NIK (rejected): { $count }
report-warnings = Warnings of the run
report-none = None.
report-program-facts = Program { $id } · { $region } · { $first } to { $last } · premium per worker { $premium }
report-foot = Made by jaring from a run folder that verifies; every figure comes from its summary.json and waiting_list.csv, checked against the decision log ending in chain head { $head }.
help-report = Write a readable report of a run: one HTML file that opens offline and prints (totals, money against budget, quotas, kecamatan, reasons)
help-report-dir = The run folder (it must verify)
help-report-out = The HTML file to write
help-report-expect-head = The chain head recorded at the run; the report is made only if the log still ends in it
help-report-force = Replace the file if it exists
summary-duplicates = {"  "}of the { $rejected } rejected, { $count } { $count_plural ->
    [one] repeats
   *[other] repeat
} an earlier NIK and reached no program: { $rows }{ $more }
summary-duplicate-row = row { $row } (as row { $first })
summary-invalid = {"  "}invalid: { $fields }
summary-invalid-field = { $field } { $count } ({ $rows_plural ->
    [one] row
   *[other] rows
} { $rows }{ $more })
summary-and-more = {" "}and { $more } more
summary-waiting = {"  "}waiting:
synth-xlsx-needs-out = a workbook is not written to the terminal: give --out FILE.xlsx
synth-cannot-make = cannot make the registry: { $error }
office-head-changed = the run folder changed while the document was being made; try again

## jaring serve
serve-path-refused = `{ $path }` is not a policy file inside the folder the workbench was given
serve-unreadable = cannot read `{ $path }`: { $error }
serve-not-utf8 = `{ $path }` is not UTF-8 text
serve-changed-on-disk = `{ $path }` changed on disk since it was opened (or was created meanwhile); reload it before saving, so that nobody's edit is lost
serve-cannot-save = cannot save `{ $path }`: { $error }
serve-path-outside = `{ $path }` is outside the policy folder: the workbench reads no file there
    .help = name the file by a path inside the folder, without `..`
serve-fix-replace = replace `{ $written }` with `{ $with }`
serve-token-needed = listening beyond this computer needs --token with at least 16 characters: every request must then carry it
serve-no-folder = cannot open the policy folder `{ $folder }`: { $error }
serve-no-valid-policy = no policy in `{ $folder }` checks without errors: a registry needs one to be read (its catalog and regions)
serve-no-registry = cannot load the registry: { $error }
serve-cannot-listen = cannot listen on { $addr }: { $error }
serve-cannot-start = the workbench stopped: { $error }
serve-wrong-host = this request names another server (Host): refused
serve-token-missing = this workbench needs its token: open the address it printed, with ?token=
serve-failed = the request failed inside the workbench
serve-cannot-format = the text has syntax errors: it is formatted once they are fixed
serve-has-errors = the policy has errors: the effect is shown once it checks
serve-plugin-not-pinned = the plugin `{ $path }` is not pinned with sha256: the workbench runs only pinned plugins
serve-no-population = no registry was loaded: start with --registry FILE or --run RUN_DIR to see the effect of an edit
serve-preview-failed = the program could not decide the registry: { $error }
serve-tests-failed = the test cases could not run: { $error }
serve-case-eligible = eligible
serve-no-preview = make a preview of this file first
serve-no-row = the registry has no row { $row }
serve-row-invalid = row { $row } is invalid: it cannot be a test case
serve-listening = the workbench is at { $url } (Ctrl-C stops it)
ui-save = Save
ui-saved = Saved (formatted)
ui-saved-unformatted = Saved as typed (it has syntax errors, so it was not formatted)
ui-reveal = show whole NIKs
ui-problems = Problems
ui-no-problems = No problems.
ui-line = line
ui-effect = Effect on the registry
ui-no-registry = No registry loaded: start jaring serve with --registry FILE or --run RUN_DIR.
ui-enrolled = enrolled
ui-waiting = waiting
ui-rejected = rejected
ui-invalid = invalid
ui-money = Money per funding source
ui-used = premiums
ui-budget = budget
ui-total = all sources
ui-quota = Quota
ui-gains = Who gains a place
ui-losses = Who loses a place
ui-slices = Who becomes eligible or not (against the saved file)
ui-took = decided in
ui-row = row
ui-name = name
ui-keep = keep as a test case
ui-case-name = Name of the test case
ui-case-added = Test case added
ui-tests = Test cases
ui-no-tests = No test cases yet in
ui-coverage = Rules: cases that pass / fail each
ui-ready = Ready
help-serve = Open the workbench: edit a policy in the browser with live problems, look-ups, the effect on a registry and the test cases
help-serve-dir = The policy folder (default: the current folder); the workbench reads and writes only in it
help-serve-registry = A registry to show the effect of each edit on
help-serve-run = A run folder whose recorded registry shows the effect of each edit
help-serve-port = The port (default: 7878; 0 picks a free one)
help-serve-listen = Listen on another address (needs --token)
help-serve-token = The token every request must carry (at least 16 characters)
help-serve-no-browser = Do not open the browser
verify-trailer-root = the trailer says the tree has { $size } leaves and root { $trailer }; the { $records } records make root { $root }

## receipts and the Merkle log
cli-unreadable-file = cannot read `{ $file }`: { $error }
receipt-old-log = this run's log is of schema { $schema }: receipts need schema 4 (the Merkle tree); run it again with this jaring
receipt-no-trailer = the log has no readable trailer: it is incomplete
receipt-root-differs = the log's records do not make the root its trailer states: `jaring verify` says what is wrong
receipt-which = name the person: a NIK, or --row N
receipt-not-found = no record in this run has that NIK (or row)
receipt-letter-other-header = the log's header is not the one the receipt names (its sha256 is not the receipt's origin): the folder was changed after the run; run `jaring verify` on it
receipt-written = receipt of row { $row } written to { $file }; root { $root }{ $others }
receipt-unreadable = not a readable receipt: { $error }
receipt-format = not a receipt this jaring knows (`{ $format }`)
receipt-not-hex = the receipt's hashes are not 64 hex digits
receipt-proof-fails = INVALID: the record and the proof do not lead to the receipt's root; the receipt was changed, or is not from that log
receipt-row-differs = INVALID: the record is not of the row the receipt names
receipt-other-root = INVALID for this log: the receipt proves a record of the log with root { $root }, not of the root given
receipt-valid = valid: row { $row } (leaf { $index } of { $size }) is in the log with root { $root }; its outcome: { $outcome }
verify-head-shortened = the head was given shortened: only its first { $count } characters were compared
verify-head-of-original = the head given is the original run's: this redacted copy carries the original records' leaves, which give the original root, and names the original header — its masked fields themselves cannot be proven against the original
letter-title = Receipt of a decision
letter-name = Name
letter-row = Registry row
letter-outcome = Outcome
letter-rank = Place on the waiting list: { $rank }
letter-check-title = How to check this letter
letter-check = This decision is record { $index } of { $size } in the run's published log. The receipt below holds the record and the hashes that lead from it to the log's root; `jaring verify` checks it without the run folder, and so can any program following RFC 9162.
letter-root = The root, which must be the one in the decree's minutes:
help-receipt = Write one person's receipt: their decision record with the proof that it is in the run's log (JSON, or a one-page letter as .pdf, with the receipt attached, or .html); `jaring verify FILE` checks it offline
help-receipt-dir = The run folder
help-receipt-nik = The person's NIK
help-receipt-row = The registry row (when several rows carry the NIK)
help-receipt-out = The file to write: .json, or .html for a letter
help-receipt-force = Replace the file if it exists
receipt-others = {" "}({ $count } more rows carry this NIK: use --row)
verify-root = Merkle root { $root } ({ $size } leaves)
key-bad-name = `{ $name }` cannot name a key: use letters, digits and `-`, without spaces or `+`
key-no-randomness = the system gave no randomness for a new key: { $error }
key-unreadable = not a jaring key file (a signed-note key: NAME+ID+KEY)
checkpoint-unreadable = the checkpoint is not a signed note jaring can read
checkpoint-differs = the checkpoint does not state this log: its origin, tree size or root differ from the records
checkpoint-not-signed = the checkpoint carries no valid signature by `{ $name }` (key { $id })
checkpoint-unchecked = signed also by { $names }, whose keys were not given (--key NAME.pub)
checkpoint-none = no checkpoint: the run was made before signed checkpoints
key-written = key `{ $name }` written: { $private } (keep it secret, readable by you only) and { $public } (give it to whoever verifies)
cosign-not-intact = the run folder does not verify, so it is not cosigned:
{ $problems }
cosigned = `{ $name }` signed the checkpoint of { $folder }
help-key = Signing keys of checkpoints
help-key-new = Make a new Ed25519 key pair: NAME.key (private, owner-only) and NAME.pub
help-key-new-out = The key's name and where to write it (NAME.key and NAME.pub)
help-cosign = Sign a run folder's checkpoint as a witness (it must verify first)
help-cosign-dir = The run folder
help-cosign-key = The witness's private key (NAME.key)
help-run-sign = Sign the run's checkpoint with this private key (NAME.key)
help-verify-keys = A public key (NAME.pub) that must have signed the checkpoint; may be given several times
verify-prev-unreadable = this line was changed: its `prev` is not a 64-digit lowercase hex hash
verify-leaf-differs = this line is not the one the run wrote: its hash is not the one the `leaves` file holds for record { $record } (this line, or that file, was changed)
verify-prev-unexpected = this line was changed: it carries a `prev`, which no record of this log's schema has
verify-header-not-head = the header was changed, or the trailer's head: the records still make the root the trailer gives, but with this header they do not give its head
impact-details = { $count } more records differ only in detail (the same outcome and reason; other rules failed besides, or another text)
verify-leaves = does not hold the records' leaves (first difference at record { $record })
verify-leaves-missing = is missing: the run writes each record's leaf hash there, and without it a changed line of the log cannot be named
verify-csv-missing-line = a line the log gives is missing before this one; the lines after it agree
verify-csv-extra-line = this line is not in the log (a line was added); the lines after it agree
explain-cut-off = the line stopped when the places ran out; { $places } more places ({ $money } more in premiums) would have reached this person
impact-lost-because = { $count } lose their place: { $reason }
impact-gained-from = { $count } gain a place paid by { $source }
help-replay-format = `human` (the default), `json`, or `csv` (one line per change)
impact-district = { $name } (`{ $code }`): { $gains } gain, { $losses } lose a place
explain-would-be-eligible = without `{ $exclusion }` this person would be eligible (decided again through the rules and the plugin); whether a place is left is for the waiting line to say
explain-would-still-be-refused = even without `{ $exclusion }` this person would not be eligible (decided again through the rules and the plugin)
explain-would-be-eligible-if = the only rule not met is “{ $rule }”: met (decided again with { $field } = { $value }, through the rules and the plugin), this person would be eligible; whether a place is left is for the waiting line to say
explain-would-still-be-refused-if = the only rule not met is “{ $rule }”, yet even with it met ({ $field } = { $value }, decided again through the rules and the plugin) this person would not be eligible
explain-age-reached = turns { $age } on { $date }
receipt-too-large = `{ $file }` is too large to be a receipt (a receipt is a few kilobytes)

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

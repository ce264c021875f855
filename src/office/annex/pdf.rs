//! The annex as a PDF (krilla): A4 portrait; the heading (title, region, period, legal
//! basis) on the first page; the table heading repeated on every page, and a "continued"
//! line when a page starts inside a desa; a kecamatan or desa heading never left alone at
//! the foot of a page; subtotals under each desa and kecamatan; the grand total with its
//! words; on every page the program, the chain head and "page n of N".
//!
//! Text is laid out here (glyph advances from the font's own metrics, via skrifa) and drawn
//! glyph by glyph: names wrap within their column rather than being cut. The font, DejaVu
//! Sans Condensed, is built in (`data/fonts`), so the PDF is the same on every machine; a
//! character the font lacks prints as `?`.

use krilla::Document;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;

use super::{Annex, District, Village, Words, figure};
use crate::i18n::Lang;
use crate::office::pdf::{Align, BOLD, Face, LEFT, PAGE_H, PAGE_W, Pen, REGULAR, RIGHT, TOP, black, shade};

/// The lowest a table row may reach.
const BOTTOM: f32 = PAGE_H - 52.0;
/// The footer's first baseline.
const FOOTER: f32 = PAGE_H - 34.0;
/// Column widths: No, NIK, name, occupation, months, premium (sum: RIGHT - LEFT).
const COLUMNS: [f32; 6] = [38.0, 80.0, 158.0, 130.0, 34.0, 83.28];
const BODY: f32 = 8.0;
const LEADING: f32 = 10.0;
const PAD: f32 = 2.5;
/// The most lines one cell of a row takes.
const MAX_CELL_LINES: usize = 12;

/// A line of the table, in order.
#[derive(Clone, Copy)]
enum Item {
    District(u32),
    Village(u32, u32),
    /// (district, village, worker, lines the row takes)
    Worker(u32, u32, u32, u8),
    VillageTotal(u32, u32),
    DistrictTotal(u32),
    Nobody,
    Grand,
    /// The total in words, in this many lines.
    InWords(u8),
}

/// A page: the items it shows and the group it continues, if it starts inside one.
struct PageSpec {
    items: std::ops::Range<usize>,
    continues: Option<(u32, Option<u32>)>,
}

struct Layout<'a> {
    annex: &'a Annex,
    words: Words,
    regular: Face,
    bold: Face,
}

impl Layout<'_> {
    fn district(&self, d: u32) -> &District {
        &self.annex.districts[d as usize]
    }

    fn village(&self, d: u32, v: u32) -> &Village {
        &self.district(d).villages[v as usize]
    }

    /// How many lines a cell takes.
    fn cell_height(&self, text: &str, column: usize) -> usize {
        let width = COLUMNS[column] - 2.0 * PAD;
        if self.regular.width(text, BODY) <= width { 1 } else { self.regular.wrap(text, BODY, width).len() }
    }

    fn words_lines(&self) -> Vec<String> {
        self.bold.wrap(&self.words.in_words(self.annex), 8.5, RIGHT - LEFT - 2.0 * PAD)
    }

    fn height(&self, item: Item) -> f32 {
        match item {
            Item::District(_) => 15.0,
            Item::Village(..) => 13.0,
            Item::Worker(.., lines) => f32::from(lines) * LEADING + 2.0 * PAD,
            Item::VillageTotal(..) => 13.0,
            Item::DistrictTotal(_) => 17.0,
            Item::Nobody => 16.0,
            Item::Grand => 19.0,
            Item::InWords(lines) => f32::from(lines) * 11.0 + 6.0,
        }
    }

    fn items(&self) -> Vec<Item> {
        let mut items = Vec::with_capacity(self.annex.people as usize + 64);
        for (d, district) in self.annex.districts.iter().enumerate() {
            let d = d as u32;
            items.push(Item::District(d));
            for (v, village) in district.villages.iter().enumerate() {
                let v = v as u32;
                items.push(Item::Village(d, v));
                for (w, worker) in village.workers.iter().enumerate() {
                    let lines =
                        self.cell_height(&worker.name, 2).max(self.cell_height(&worker.occupation, 3));
                    items.push(Item::Worker(d, v, w as u32, lines.min(MAX_CELL_LINES) as u8));
                }
                items.push(Item::VillageTotal(d, v));
            }
            items.push(Item::DistrictTotal(d));
        }
        if self.annex.districts.is_empty() {
            items.push(Item::Nobody);
        }
        items.push(Item::Grand);
        items.push(Item::InWords(self.words_lines().len().min(20) as u8));
        items
    }

    /// The height of the first page's heading.
    fn heading_lines(&self) -> Vec<(bool, f32, f32, String)> {
        // (bold, size, indent, text)
        let width = RIGHT - LEFT;
        let h = &self.annex.heading;
        let mut lines = vec![(true, 10.0, 0.0, self.words.annex())];
        for l in self.bold.wrap(&self.words.title(h), 11.0, width) {
            lines.push((true, 11.0, 0.0, l));
        }
        for l in self.regular.wrap(&self.words.facts(h), 8.5, width) {
            lines.push((false, 8.5, 0.0, l));
        }
        if !h.regulations.is_empty() {
            lines.push((true, 8.5, 0.0, self.words.legal_basis()));
            for (i, r) in h.regulations.iter().enumerate() {
                for (k, l) in self.regular.wrap(r, 8.0, width - 14.0).into_iter().enumerate() {
                    let text = if k == 0 { format!("{}.", i + 1) } else { String::new() };
                    lines.push((false, 8.0, 0.0, text));
                    lines.push((false, 8.0, 14.0, l));
                }
            }
        }
        lines
    }

    fn heading_height(&self) -> f32 {
        let mut y = 0.0;
        for (_, size, indent, _) in self.heading_lines() {
            // a number and its text share a line
            if indent == 0.0 {
                y += size * 1.35;
            }
        }
        y + 8.0
    }

    /// Splits the items into pages.
    fn paginate(&self, items: &[Item]) -> Vec<PageSpec> {
        const HEADER: f32 = 18.0;
        const CONTINUED: f32 = 13.0;
        let mut pages = Vec::new();
        let mut start = 0;
        let mut y = TOP + self.heading_height() + HEADER;
        let mut continues = None;
        for (i, &item) in items.iter().enumerate() {
            let mut need = self.height(item);
            // a heading is never the last line of a page, nor a total apart from its words
            match item {
                Item::District(_) => need += 13.0 + 2.0 * LEADING,
                Item::Village(..) => need += 2.0 * LEADING,
                Item::Grand => need += self.height(items.get(i + 1).copied().unwrap_or(Item::Nobody)),
                _ => {}
            }
            if y + need > BOTTOM && i > start {
                pages.push(PageSpec { items: start..i, continues });
                start = i;
                continues = match item {
                    Item::Worker(d, v, ..) | Item::VillageTotal(d, v) => Some((d, Some(v))),
                    Item::DistrictTotal(d) => Some((d, None)),
                    _ => None,
                };
                y = TOP + HEADER + if continues.is_some() { CONTINUED } else { 0.0 };
            }
            y += self.height(item);
        }
        pages.push(PageSpec { items: start..items.len(), continues });
        pages
    }

    fn draw_header(&self, pen: &mut Pen<'_, '_>, y: f32) -> f32 {
        pen.rect(LEFT, y, RIGHT - LEFT, 16.0, shade(0xDD, 0xEB, 0xF7));
        let mut x = LEFT;
        let aligns = [Align::Right, Align::Left, Align::Left, Align::Left, Align::Center, Align::Right];
        for (k, title) in self.words.columns().iter().enumerate() {
            pen.text((true, 7.5), x + PAD, y + 11.0, COLUMNS[k] - 2.0 * PAD, aligns[k], title);
            x += COLUMNS[k];
        }
        pen.rule(y + 16.0, 0.6, 0x60);
        y + 18.0
    }

    fn draw_item(&self, pen: &mut Pen<'_, '_>, item: Item, y: f32, number: &mut u64) {
        let w = RIGHT - LEFT - 2.0 * PAD;
        match item {
            Item::District(d) => {
                pen.rect(LEFT, y + 1.0, RIGHT - LEFT, 13.0, shade(0xEE, 0xEE, 0xEE));
                pen.text(
                    (true, 8.5),
                    LEFT + PAD,
                    y + 10.5,
                    w,
                    Align::Left,
                    &self.words.district(self.district(d)),
                );
            }
            Item::Village(d, v) => {
                pen.text(
                    (true, 8.0),
                    LEFT + PAD + 8.0,
                    y + 9.5,
                    w,
                    Align::Left,
                    &self.words.village(self.village(d, v)),
                );
            }
            Item::Worker(d, v, k, _) => {
                *number += 1;
                let worker = &self.village(d, v).workers[k as usize];
                let base = y + PAD + 7.0;
                let (number, months, premium) =
                    (grouped_number(*number), worker.months.to_string(), figure(worker.premium));
                // the cells that fit on one line go out as one run of glyphs (far cheaper
                // than one per cell); the rest wrap on lines of their own
                let mut row: Vec<(f32, &str)> = Vec::with_capacity(6);
                let mut x = LEFT;
                let aligns =
                    [Align::Right, Align::Left, Align::Left, Align::Left, Align::Center, Align::Right];
                let texts: [&str; 6] =
                    [&number, &worker.nik, &worker.name, &worker.occupation, &months, &premium];
                for (column, text) in texts.into_iter().enumerate() {
                    let width = COLUMNS[column] - 2.0 * PAD;
                    let w = self.regular.width(text, BODY);
                    if w <= width {
                        let at = match aligns[column] {
                            Align::Left => x + PAD,
                            Align::Right => x + PAD + width - w,
                            Align::Center => x + PAD + (width - w) / 2.0,
                        };
                        row.push((at, text));
                    } else {
                        let mut lines = self.regular.wrap(text, BODY, width);
                        if lines.len() > MAX_CELL_LINES {
                            // a cell longer than any name: its end is marked, not silently lost
                            lines.truncate(MAX_CELL_LINES);
                            if let Some(last) = lines.last_mut() {
                                last.pop();
                                last.push('…');
                            }
                        }
                        for (i, line) in lines.iter().enumerate() {
                            pen.text(
                                (false, BODY),
                                x + PAD,
                                base + i as f32 * LEADING,
                                width,
                                Align::Left,
                                line,
                            );
                        }
                    }
                    x += COLUMNS[column];
                }
                pen.run(BODY, base, &row);
                pen.rule(y + self.height(item), 0.25, 0xC8);
            }
            Item::VillageTotal(d, v) => {
                let village = self.village(d, v);
                pen.text(
                    (true, 8.0),
                    LEFT + COLUMNS[0] + PAD,
                    y + 9.5,
                    w,
                    Align::Left,
                    &self.words.village_total(village),
                );
                pen.text(
                    (true, 8.0),
                    RIGHT - COLUMNS[5] + PAD,
                    y + 9.5,
                    COLUMNS[5] - 2.0 * PAD,
                    Align::Right,
                    &figure(village.total),
                );
                pen.rule(y + 13.0, 0.5, 0x80);
            }
            Item::DistrictTotal(d) => {
                let district = self.district(d);
                pen.rule(y + 1.0, 0.8, 0x40);
                pen.text(
                    (true, 8.5),
                    LEFT + PAD,
                    y + 11.0,
                    w,
                    Align::Left,
                    &self.words.district_total(district),
                );
                pen.text(
                    (true, 8.5),
                    RIGHT - COLUMNS[5] + PAD,
                    y + 11.0,
                    COLUMNS[5] - 2.0 * PAD,
                    Align::Right,
                    &figure(district.total),
                );
            }
            Item::Nobody => {
                pen.text((false, 8.5), LEFT + PAD, y + 11.0, w, Align::Left, &self.words.nobody());
            }
            Item::Grand => {
                pen.rule(y + 2.0, 0.8, 0);
                pen.rule(y + 4.0, 0.8, 0);
                pen.text(
                    (true, 9.5),
                    LEFT + PAD,
                    y + 15.0,
                    w,
                    Align::Left,
                    &self.words.grand_total(self.annex),
                );
                pen.text(
                    (true, 9.5),
                    RIGHT - 120.0,
                    y + 15.0,
                    120.0 - PAD,
                    Align::Right,
                    &crate::money::Rupiah(self.annex.total).to_string(),
                );
            }
            Item::InWords(_) => {
                for (i, line) in self.words_lines().iter().enumerate() {
                    pen.text((true, 8.5), LEFT + PAD, y + 10.0 + i as f32 * 11.0, w, Align::Left, line);
                }
            }
        }
    }

    fn draw_footer(&self, pen: &mut Pen<'_, '_>, page: usize, pages: usize) {
        pen.rule(FOOTER - 9.0, 0.4, 0x80);
        let page_text = self.words.page(page, pages);
        let page_w = self.regular.width(&page_text, 7.5);
        pen.text((false, 7.5), RIGHT - page_w, FOOTER, page_w, Align::Left, &page_text);
        let lines = self.regular.wrap(&self.words.footer(self.annex), 6.5, RIGHT - LEFT - page_w - 16.0);
        for (i, line) in lines.iter().take(3).enumerate() {
            pen.text((false, 6.5), LEFT, FOOTER + i as f32 * 8.0, RIGHT - LEFT, Align::Left, line);
        }
    }
}

fn grouped_number(n: u64) -> String {
    crate::money::grouped(n)
}

/// The annex as PDF bytes, in `lang`.
pub fn render(annex: &Annex, lang: Lang) -> Result<Vec<u8>, String> {
    let layout =
        Layout { annex, words: Words { lang }, regular: Face::new(REGULAR)?, bold: Face::new(BOLD)? };
    let items = layout.items();
    let pages = layout.paginate(&items);
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(layout.words.title(&annex.heading))
            .creator(format!("jaring {}", env!("CARGO_PKG_VERSION"))),
    );
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("bad page size")?;
    let mut number = 0u64;
    for (p, spec) in pages.iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        draw_page(&layout, &mut page, &items, spec, p, pages.len(), &mut number);
        page.finish();
    }
    document.finish().map_err(|e| format!("{e:?}"))
}

/// Draws page `p` (0-based) of `pages`.
fn draw_page(
    layout: &Layout<'_>,
    page: &mut krilla::page::Page<'_>,
    items: &[Item],
    spec: &PageSpec,
    p: usize,
    pages: usize,
    number: &mut u64,
) {
    let mut pen = Pen { surface: page.surface(), regular: &layout.regular, bold: &layout.bold };
    pen.surface.set_fill(Some(black()));
    let mut y = TOP;
    if p == 0 {
        for (bold, size, indent, text) in layout.heading_lines() {
            if indent == 0.0 {
                y += size * 1.35;
            }
            pen.text((bold, size), LEFT + indent, y - size * 0.35, RIGHT - LEFT - indent, Align::Left, &text);
        }
        y += 8.0;
    }
    y = layout.draw_header(&mut pen, y);
    if let Some((d, v)) = spec.continues {
        let text = match v {
            Some(v) => layout.words.continued(layout.district(d), layout.village(d, v)),
            None => layout.words.district(layout.district(d)),
        };
        pen.text((true, 7.5), LEFT + PAD, y + 9.0, RIGHT - LEFT, Align::Left, &text);
        y += 13.0;
    }
    for &item in &items[spec.items.clone()] {
        layout.draw_item(&mut pen, item, y, number);
        y += layout.height(item);
    }
    layout.draw_footer(&mut pen, p + 1, pages);
    let Pen { surface, .. } = pen;
    surface.finish();
}

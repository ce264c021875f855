//! What the PDFs jaring writes share (krilla): A4 pages with the same margins, the built-in
//! fonts (DejaVu Sans Condensed, `data/fonts`, so a PDF is the same on every machine), text
//! laid out from the font's own metrics (via skrifa) and drawn glyph by glyph, rules and
//! shaded boxes. A character the font lacks prints as `?`.

use std::collections::HashMap;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

pub static REGULAR: &[u8] = include_bytes!("../../data/fonts/DejaVuSansCondensed.ttf");
pub static BOLD: &[u8] = include_bytes!("../../data/fonts/DejaVuSansCondensed-Bold.ttf");

// A4 portrait, in points
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const LEFT: f32 = 36.0;
pub const RIGHT: f32 = PAGE_W - 36.0;
pub const TOP: f32 = 40.0;

/// A font: krilla's handle for drawing, and each character's glyph and advance for layout.
pub struct Face {
    font: Font,
    metrics: skrifa::FontRef<'static>,
    upem: f32,
    ascii: Vec<(u32, f32)>,
    other: std::cell::RefCell<HashMap<char, (u32, f32)>>,
}

impl Face {
    pub fn new(bytes: &'static [u8]) -> Result<Face, String> {
        let font = Font::new(bytes.into(), 0).ok_or("the built-in font does not load")?;
        let metrics = skrifa::FontRef::new(bytes).map_err(|e| e.to_string())?;
        let upem = f32::from(metrics.metrics(Size::unscaled(), LocationRef::default()).units_per_em);
        let mut face = Face { font, metrics, upem, ascii: Vec::new(), other: Default::default() };
        face.ascii = (0u8..128).map(|b| face.lookup(char::from(b))).collect();
        Ok(face)
    }

    /// Glyph and advance (in ems) of `c`; a character without a glyph is drawn as `?`.
    fn lookup(&self, c: char) -> (u32, f32) {
        let charmap = self.metrics.charmap();
        let glyphs = self.metrics.glyph_metrics(Size::unscaled(), LocationRef::default());
        let found = if c.is_control() { None } else { charmap.map(c) };
        let gid = found.or_else(|| charmap.map('?')).unwrap_or_default();
        (gid.to_u32(), glyphs.advance_width(gid).unwrap_or(0.0) / self.upem)
    }

    fn glyph(&self, c: char) -> (u32, f32) {
        if let Some(&g) = self.ascii.get(c as usize) {
            return g;
        }
        *self.other.borrow_mut().entry(c).or_insert_with(|| self.lookup(c))
    }

    /// The width of `text` at `size`.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).1).sum::<f32>() * size
    }

    fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .map(|(i, c)| {
                let (gid, advance) = self.glyph(c);
                KrillaGlyph {
                    glyph_id: GlyphId::new(gid),
                    text_range: i..i + c.len_utf8(),
                    x_advance: advance,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    y_advance: 0.0,
                    location: None,
                }
            })
            .collect()
    }

    /// `text` broken into lines no wider than `width` (at spaces; a word wider than a line
    /// is broken between characters). Never empty.
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if self.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // the word alone, broken if it must be
            for c in word.chars() {
                line.push(c);
                if self.width(&line, size) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// Where a piece of text is anchored.
#[derive(Clone, Copy)]
pub enum Align {
    Left,
    Right,
    Center,
}

pub fn black() -> Fill {
    Fill { paint: rgb::Color::new(0, 0, 0).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

pub fn shade(r: u8, g: u8, b: u8) -> Fill {
    Fill { paint: rgb::Color::new(r, g, b).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

/// The drawing of one page.
pub struct Pen<'s, 'f> {
    pub surface: Surface<'s>,
    pub regular: &'f Face,
    pub bold: &'f Face,
}

impl Pen<'_, '_> {
    /// `text` in `(bold, size)` at `x`..`x + width` on `baseline`.
    pub fn text(
        &mut self,
        (bold, size): (bool, f32),
        x: f32,
        baseline: f32,
        width: f32,
        align: Align,
        text: &str,
    ) {
        if text.is_empty() {
            return;
        }
        let face = if bold { self.bold } else { self.regular };
        let w = face.width(text, size);
        let x = match align {
            Align::Left => x,
            Align::Right => x + width - w,
            Align::Center => x + (width - w) / 2.0,
        };
        let glyphs = face.glyphs(text);
        self.surface.draw_glyphs(Point::from_xy(x, baseline), &glyphs, face.font.clone(), text, size, false);
    }

    /// Pieces of regular text on one baseline, each starting at its own x, drawn as one run
    /// of glyphs (the advance of each piece's last glyph carries the pen to the next).
    pub fn run(&mut self, size: f32, baseline: f32, pieces: &[(f32, &str)]) {
        let Some(&(start, _)) = pieces.first() else { return };
        let face = self.regular;
        let mut text = String::new();
        let mut glyphs: Vec<KrillaGlyph> = Vec::new();
        let mut pen_x = start;
        for (x, piece) in pieces {
            if let Some(last) = glyphs.last_mut() {
                last.x_advance += (x - pen_x) / size;
            }
            pen_x = *x;
            let offset = text.len();
            text.push_str(piece);
            for mut g in face.glyphs(piece) {
                g.text_range = g.text_range.start + offset..g.text_range.end + offset;
                pen_x += g.x_advance * size;
                glyphs.push(g);
            }
        }
        self.surface.draw_glyphs(
            Point::from_xy(start, baseline),
            &glyphs,
            face.font.clone(),
            &text,
            size,
            false,
        );
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Fill) {
        let Some(rect) = Rect::from_xywh(x, y, w, h) else { return };
        let mut pb = PathBuilder::new();
        pb.push_rect(rect);
        if let Some(path) = pb.finish() {
            self.surface.set_fill(Some(fill));
            self.surface.draw_path(&path);
            self.surface.set_fill(Some(black()));
        }
    }

    pub fn rule(&mut self, y: f32, width: f32, grey: u8) {
        let mut pb = PathBuilder::new();
        pb.move_to(LEFT, y);
        pb.line_to(RIGHT, y);
        if let Some(path) = pb.finish() {
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(Stroke {
                paint: rgb::Color::new(grey, grey, grey).into(),
                width,
                ..Default::default()
            }));
            self.surface.draw_path(&path);
            self.surface.set_stroke(None);
            self.surface.set_fill(Some(black()));
        }
    }
}

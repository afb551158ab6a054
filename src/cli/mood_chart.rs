//! Two mood curves on one text chart, for `frontline compare`: a row per 5 mood
//! points, a column per reply, `A`, `B` or `*` (both) where each curve is. Plain
//! ASCII: no colour, no escape codes, no box drawing, so it reads the same in a
//! terminal, a pipe, a file or a screen reader's line review.

/// Mood points per row; a mood is drawn on the row nearest to it.
pub(crate) const ROW_STEP: i32 = 5;
/// Past this many columns each is 2 characters wide instead of 3, and only every
/// fifth is numbered.
const WIDE_COLUMNS: usize = 25;
/// Where the grid starts: the row labels (`  85 |`).
const LABEL_WIDTH: usize = 6;

/// The row a mood is drawn on: the nearest multiple of `ROW_STEP` within 0..=100.
fn row_of(mood: i32) -> i32 {
    (mood.clamp(0, 100) + ROW_STEP / 2) / ROW_STEP * ROW_STEP
}

/// Draws `a` and `b` (each the mood at the start, then after each reply) on one
/// chart; the reply axis runs to the longer one. `parted`, when given, is the reply
/// where the two first differ, marked under the axis. Empty curves draw nothing.
pub(crate) fn mood_chart(a: &[i32], b: &[i32], parted: Option<usize>) -> String {
    let columns = a.len().max(b.len());
    if columns == 0 {
        return String::new();
    }
    let width = if columns > WIDE_COLUMNS { 2 } else { 3 };
    let rows: Vec<i32> = a.iter().chain(b).map(|&m| row_of(m)).collect();
    let top = (rows.iter().copied().max().unwrap_or(100) + ROW_STEP).min(100);
    let bottom = (rows.iter().copied().min().unwrap_or(0) - ROW_STEP).max(0);
    let mut out = String::from("mood\n");
    let mut row = top;
    while row >= bottom {
        let mut line = format!("{row:>4} |");
        for column in 0..columns {
            let on = |curve: &[i32]| curve.get(column).is_some_and(|&m| row_of(m) == row);
            let mark = match (on(a), on(b)) {
                (true, true) => '*',
                (true, false) => 'A',
                (false, true) => 'B',
                (false, false) => ' ',
            };
            line += &" ".repeat(width - 1);
            line.push(mark);
        }
        out += line.trim_end();
        out.push('\n');
        row -= ROW_STEP;
    }
    out += &format!("{:>w$}{}\n", "+", "-".repeat(columns * width), w = LABEL_WIDTH);
    // Each number ends under its column's mark.
    let mut labels = vec![b' '; LABEL_WIDTH + columns * width];
    for column in (0..columns).filter(|c| width == 3 || c % 5 == 0) {
        let text = column.to_string();
        let end = LABEL_WIDTH + column * width + width;
        let start = end.saturating_sub(text.len()).max(LABEL_WIDTH);
        labels[start..end].copy_from_slice(&text.as_bytes()[text.len() - (end - start)..]);
    }
    out += String::from_utf8_lossy(&labels).trim_end();
    out += "  reply\n";
    if let Some(parted) = parted.filter(|&p| p < columns) {
        let at = LABEL_WIDTH + parted * width + width - 1;
        out += &format!("{}^ first different reply\n", " ".repeat(at));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_curves_share_a_grid_with_a_star_where_they_meet() {
        let chart = mood_chart(&[50, 60, 70, 76], &[50, 55, 40], Some(2));
        let expected = "\
mood
  80 |
  75 |           A
  70 |        A
  65 |
  60 |     A
  55 |     B
  50 |  *
  45 |
  40 |        B
  35 |
     +------------
        0  1  2  3  reply
              ^ first different reply
";
        assert_eq!(chart, expected, "\n{chart}");
    }

    #[test]
    fn moods_go_to_the_nearest_row_and_stay_within_0_to_100() {
        assert_eq!([row_of(47), row_of(48), row_of(52), row_of(53)], [45, 50, 50, 55]);
        assert_eq!([row_of(-4), row_of(0), row_of(100), row_of(140)], [0, 0, 100, 100]);
        let chart = mood_chart(&[100, 0], &[], None);
        let lines: Vec<&str> = chart.lines().collect();
        assert_eq!(lines[1], " 100 |  A", "no row above 100");
        assert_eq!(lines[21], "   0 |     A", "no row below 0");
        assert!(lines[22].starts_with("     +"));
        assert!(!chart.contains('B') && !chart.contains('^'));
    }

    #[test]
    fn one_curve_longer_than_the_other_runs_the_axis_to_its_end() {
        let chart = mood_chart(&[50], &[50, 50, 50, 50, 50], None);
        let row = chart.lines().find(|l| l.starts_with("  50 |")).unwrap();
        assert_eq!(row, "  50 |  *  B  B  B  B");
        assert!(chart.contains("        0  1  2  3  4  reply"), "{chart}");
    }

    #[test]
    fn a_long_conversation_uses_narrow_columns_numbered_every_fifth() {
        let a: Vec<i32> = (0..41).map(|i| 30 + i).collect();
        let chart = mood_chart(&a, &a[..10], Some(10));
        assert!(chart.is_ascii(), "no box drawing, no escape codes");
        let widest = chart.lines().map(str::len).max().unwrap();
        assert!(widest <= LABEL_WIDTH + 41 * 2 + "  reply".len(), "{widest}\n{chart}");
        let labels = chart.lines().find(|l| l.ends_with("reply")).unwrap();
        let numbers: Vec<&str> = labels.split_whitespace().collect();
        assert_eq!(numbers, ["0", "5", "10", "15", "20", "25", "30", "35", "40", "reply"]);
        // Column 10 sits at 6 + 10 * 2 + 1: its number ends there, and so does the marker.
        assert_eq!(labels.find("10").map(|i| i + 1), Some(27));
        let marker = chart.lines().last().unwrap();
        assert_eq!(marker.find('^'), Some(27));
        // Every mood of A is on the chart, once.
        assert_eq!(chart.matches(['A', '*']).count(), 41);
    }

    #[test]
    fn nothing_to_draw_draws_nothing() {
        assert_eq!(mood_chart(&[], &[], Some(0)), "");
    }
}

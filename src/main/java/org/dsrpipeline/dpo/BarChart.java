package org.dsrpipeline.dpo;

import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal stacked bar chart drawn as SVG by the dashboard's template: one row per label, one
 * coloured segment per series, scaled to the largest row. Each row also says its numbers in words,
 * so the picture is never the only way to read them.
 */
public record BarChart(String title, List<Series> series, List<Row> rows, int width, int rowHeight) {

  static final int LABEL_WIDTH = 260;
  static final int BAR_WIDTH = 520;

  public record Series(String name, String colour) {
  }

  public record Segment(int x, int width, String colour, String series, int value) {
  }

  public record Row(String label, int y, List<Segment> segments, int total, String text) {
  }

  public int textX() {
    return LABEL_WIDTH + BAR_WIDTH + 10;
  }

  public int height() {
    return rows.size() * rowHeight + 10;
  }

  /** {@code values}: per row label, one value per series, in the order of {@code series}. */
  static BarChart of(String title, List<Series> series, List<String> labels, List<int[]> values) {
    int max = values.stream().mapToInt(v -> java.util.Arrays.stream(v).sum()).max().orElse(0);
    var rows = new ArrayList<Row>();
    int rowHeight = 28;
    for (int r = 0; r < labels.size(); r++) {
      var segments = new ArrayList<Segment>();
      int x = LABEL_WIDTH;
      int total = 0;
      var words = new ArrayList<String>();
      for (int s = 0; s < series.size(); s++) {
        int value = values.get(r)[s];
        total += value;
        int width = max == 0 ? 0 : Math.round((float) value * BAR_WIDTH / max);
        if (value > 0) {
          segments.add(new Segment(x, Math.max(width, 2), series.get(s).colour(), series.get(s).name(), value));
          words.add(series.size() == 1 ? String.valueOf(value) : value + " " + series.get(s).name());
        }
        x += width;
      }
      rows.add(new Row(labels.get(r), r * rowHeight + 5, segments, total,
          words.isEmpty() ? "0" : String.join(", ", words)));
    }
    return new BarChart(title, series, rows, LABEL_WIDTH + BAR_WIDTH + 220, rowHeight);
  }
}

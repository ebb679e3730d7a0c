package io.vmclone.sandbox.picture;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A panel of horizontal bars with their values, e.g. the mean duration of each action. */
final class BarChart {

  private final String title;
  private final String unit;
  private final Map<String, Double> bars = new LinkedHashMap<>();

  BarChart(String title, String unit) {
    this.title = title;
    this.unit = unit;
  }

  BarChart bar(String label, double value) {
    bars.put(label, value);
    return this;
  }

  void draw(Svg svg, double x, double y, double w, double h) {
    svg.rect(x, y, w, h, "#ffffff", "#d0d4da");
    svg.text(x + 10, y + 18, title, 13, "start", "#1f2328");
    if (bars.isEmpty()) {
      svg.text(x + w / 2, y + h / 2, "no samples", 11, "middle", "#57606a");
      return;
    }
    double max = bars.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    double labelWidth = 110;
    double barArea = w - labelWidth - 70;
    double rowHeight = (h - 40) / bars.size();
    double row = y + 30;
    for (Map.Entry<String, Double> bar : bars.entrySet()) {
      double length = max <= 0 ? 0 : barArea * bar.getValue() / max;
      double barHeight = Math.min(14, rowHeight - 3);
      svg.text(x + labelWidth, row + barHeight - 2, bar.getKey(), 10, "end", "#1f2328");
      svg.rect(x + labelWidth + 6, row, Math.max(1, length), barHeight, "#4c78a8", "none");
      svg.text(
          x + labelWidth + 10 + length,
          row + barHeight - 2,
          String.format(Locale.ROOT, "%.2f %s", bar.getValue(), unit),
          10,
          "start",
          "#57606a");
      row += rowHeight;
    }
  }
}

package io.vmclone.sandbox.picture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One panel of the picture: lines over the recording's seconds, with a title, a zero-based value
 * axis, a time axis, a legend and the marks of what the script did (e.g. "leader killed").
 */
final class TimeChart {

  /** A series in data coordinates (seconds, value); a NaN value breaks the line. */
  record Line(String label, String color, List<double[]> points, boolean stepped) {}

  /** Something that happened at a second of the recording. */
  record Mark(double seconds, String label) {}

  private static final int PAD_LEFT = 48;
  private static final int PAD_RIGHT = 12;
  private static final int PAD_TOP = 28;
  private static final int PAD_BOTTOM = 36;

  private final String title;
  private final double seconds;
  private final List<Line> lines = new ArrayList<>();
  private double maxValue = 1;

  TimeChart(String title, double seconds) {
    this.title = title;
    this.seconds = Math.max(1, seconds);
  }

  TimeChart line(String label, String color, List<double[]> points) {
    return add(new Line(label, color, points, false));
  }

  TimeChart steps(String label, String color, List<double[]> points) {
    return add(new Line(label, color, points, true));
  }

  /** The value axis goes at least up to this. */
  TimeChart atLeast(double value) {
    maxValue = Math.max(maxValue, value);
    return this;
  }

  void draw(Svg svg, double x, double y, double w, double h, List<Mark> marks) {
    double top = niceCeiling(maxValue);
    Frame frame =
        new Frame(x + PAD_LEFT, y + PAD_TOP, w - PAD_LEFT - PAD_RIGHT, h - PAD_TOP - PAD_BOTTOM);
    svg.rect(x, y, w, h, "#ffffff", "#d0d4da");
    svg.text(x + 10, y + 18, title, 13, "start", "#1f2328");
    axes(svg, frame, top);
    for (int i = 0; i < marks.size(); i++) {
      double mx = frame.x(marks.get(i).seconds(), seconds);
      svg.line(mx, frame.top, mx, frame.bottom(), "#8c959f", "4 3");
      // Staggered, so that labels of marks close in time do not overlap.
      svg.text(mx + 3, frame.top + 10 + 11 * (i % 3), marks.get(i).label(), 9, "start", "#57606a");
    }
    for (Line line : lines) {
      for (List<double[]> segment : segments(line)) {
        List<double[]> placed = new ArrayList<>();
        for (double[] p : segment) {
          placed.add(new double[] {frame.x(p[0], seconds), frame.y(p[1], top)});
        }
        svg.polyline(placed, line.color(), 2);
      }
    }
    legend(svg, frame);
  }

  private TimeChart add(Line line) {
    lines.add(line);
    for (double[] p : line.points()) {
      if (!Double.isNaN(p[1])) {
        maxValue = Math.max(maxValue, p[1]);
      }
    }
    return this;
  }

  private void axes(Svg svg, Frame frame, double top) {
    for (int i = 0; i <= 4; i++) {
      double value = top * i / 4;
      double gy = frame.y(value, top);
      svg.line(frame.left, gy, frame.right(), gy, i == 0 ? "#57606a" : "#eaeef2", null);
      svg.text(frame.left - 6, gy + 4, number(value), 10, "end", "#57606a");
    }
    double step = seconds > 240 ? 60 : 30;
    for (double t = 0; t <= seconds; t += step) {
      double gx = frame.x(t, seconds);
      svg.line(gx, frame.bottom(), gx, frame.bottom() + 4, "#57606a", null);
      svg.text(gx, frame.bottom() + 16, (int) t + "s", 10, "middle", "#57606a");
    }
  }

  private void legend(Svg svg, Frame frame) {
    double lx = frame.left;
    double ly = frame.bottom() + 30;
    for (Line line : lines) {
      svg.line(lx, ly - 4, lx + 14, ly - 4, line.color(), null);
      svg.text(lx + 18, ly, line.label(), 10, "start", "#1f2328");
      lx += 26 + line.label().length() * 5.6;
    }
  }

  /** The line split where it has no value, drawn as steps when it counts events. */
  private static List<List<double[]>> segments(Line line) {
    List<List<double[]>> segments = new ArrayList<>();
    List<double[]> current = new ArrayList<>();
    double[] previous = null;
    for (double[] p : line.points()) {
      if (Double.isNaN(p[1])) {
        segments.add(current);
        current = new ArrayList<>();
        previous = null;
        continue;
      }
      if (line.stepped() && previous != null) {
        current.add(new double[] {p[0], previous[1]});
      }
      current.add(p);
      previous = p;
    }
    segments.add(current);
    return segments;
  }

  static double niceCeiling(double value) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
      if (factor * magnitude >= value) {
        return factor * magnitude;
      }
    }
    return 10 * magnitude;
  }

  static String number(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
  }

  /** The plotting area of a panel. */
  private record Frame(double left, double top, double width, double height) {
    double right() {
      return left + width;
    }

    double bottom() {
      return top + height;
    }

    double x(double t, double seconds) {
      return left + width * t / seconds;
    }

    double y(double value, double max) {
      return top + height - height * value / max;
    }
  }
}

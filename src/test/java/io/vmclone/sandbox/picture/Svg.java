package io.vmclone.sandbox.picture;

import java.util.List;
import java.util.Locale;

/** A tiny SVG writer: the few shapes the metrics picture draws, with escaped text. */
final class Svg {

  static final String FONT = "font-family=\"Helvetica, Arial, sans-serif\"";

  private final StringBuilder body = new StringBuilder();
  private final int width;
  private final int height;

  Svg(int width, int height) {
    this.width = width;
    this.height = height;
  }

  Svg rect(double x, double y, double w, double h, String fill, String stroke) {
    body.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"%s\"/>%n",
            x,
            y,
            w,
            h,
            fill,
            stroke));
    return this;
  }

  Svg line(double x1, double y1, double x2, double y2, String stroke, String dash) {
    body.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
            x1,
            y1,
            x2,
            y2,
            stroke,
            dash == null ? "" : " stroke-dasharray=\"" + dash + "\""));
    return this;
  }

  /** A polyline through points already in picture coordinates. */
  Svg polyline(List<double[]> points, String stroke, double width) {
    if (points.size() < 2) {
      return this;
    }
    StringBuilder coordinates = new StringBuilder();
    for (double[] p : points) {
      coordinates.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
    }
    body.append(
        String.format(
            Locale.ROOT,
            "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\""
                + " stroke-linejoin=\"round\"/>%n",
            coordinates.toString().strip(),
            stroke,
            width));
    return this;
  }

  Svg text(double x, double y, String text, int size, String anchor, String fill) {
    body.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\" fill=\"%s\" %s>%s</text>%n",
            x,
            y,
            size,
            anchor,
            fill,
            FONT,
            escape(text)));
    return this;
  }

  String document() {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + width
        + "\" height=\""
        + height
        + "\" viewBox=\"0 0 "
        + width
        + " "
        + height
        + "\">\n"
        + body
        + "</svg>\n";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}

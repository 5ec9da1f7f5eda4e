package org.atalaya.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Line charts drawn with Java2D into a PNG, so the bench needs no plotting tool. */
final class Plot {
  /** A named line of (x, y) points. */
  record Series(String name, Color color, double[] x, double[] y) {}

  /** One chart of the figure. */
  record Panel(String title, String xLabel, String yLabel, List<Series> series) {}

  private static final int W = 560;
  private static final int H = 400;

  private Plot() {}

  static void write(Path png, String title, List<Panel> panels) throws IOException {
    BufferedImage img = new BufferedImage(W * panels.size(), H + 40, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, 20, 26);
    for (int i = 0; i < panels.size(); i++) {
      draw(g, panels.get(i), i * W, 40);
    }
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  private static void draw(Graphics2D g, Panel p, int ox, int oy) {
    int left = ox + 70;
    int right = ox + W - 20;
    int top = oy + 30;
    int bottom = oy + H - 60;
    double maxX = 0;
    double maxY = 0;
    for (Series s : p.series()) {
      for (int i = 0; i < s.x().length; i++) {
        maxX = Math.max(maxX, s.x()[i]);
        if (!Double.isNaN(s.y()[i])) {
          maxY = Math.max(maxY, s.y()[i]);
        }
      }
    }
    maxX = nice(maxX);
    maxY = nice(maxY);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.setColor(Color.BLACK);
    g.drawString(p.title(), left, oy + 16);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int t = 0; t <= 5; t++) {
      int y = bottom - (bottom - top) * t / 5;
      int x = left + (right - left) * t / 5;
      g.setColor(new Color(225, 225, 225));
      g.drawLine(left, y, right, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(label(maxY * t / 5), ox + 8, y + 4);
      g.drawString(label(maxX * t / 5), x - 10, bottom + 16);
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, top, right - left, bottom - top);
    g.drawString(p.xLabel(), (left + right) / 2 - 40, bottom + 34);
    g.drawString(p.yLabel(), left, top - 4);
    int legendY = bottom + 50;
    int legendX = left;
    for (Series s : p.series()) {
      g.setColor(s.color());
      g.setStroke(new BasicStroke(2.2f));
      int px = -1;
      int py = -1;
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isNaN(s.y()[i])) {
          continue;
        }
        int x = left + (int) Math.round((right - left) * s.x()[i] / maxX);
        int y = bottom - (int) Math.round((bottom - top) * s.y()[i] / maxY);
        g.fillOval(x - 4, y - 4, 8, 8);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      g.fillRect(legendX, legendY - 8, 14, 8);
      g.setColor(Color.BLACK);
      g.drawString(s.name(), legendX + 18, legendY);
      legendX += 20 + g.getFontMetrics().stringWidth(s.name()) + 16;
    }
    g.setStroke(new BasicStroke(1f));
  }

  /** The next round number at or above v, for an axis's end. */
  private static double nice(double v) {
    if (v <= 0) {
      return 1;
    }
    double mag = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (v <= m * mag) {
        return m * mag;
      }
    }
    return 10 * mag;
  }

  private static String label(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.2g", v);
  }
}

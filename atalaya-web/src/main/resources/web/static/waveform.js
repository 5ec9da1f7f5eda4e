// Draws a recording's waveform on a canvas: one lane per channel (customer above, agent below),
// the playhead, and a mark per note. Peaks come from /api/v1/recordings/{id}/peaks (0..1).
"use strict";
class Waveform {
  constructor(canvas) {
    this.canvas = canvas;
    this.peaks = null;
    this.durationMs = 0;
    this.marks = [];
  }

  set(peaks, durationMs) {
    this.peaks = peaks;
    this.durationMs = durationMs;
  }

  /** The fraction 0..1 of the recording under an x coordinate of a click. */
  fractionAt(clientX) {
    const r = this.canvas.getBoundingClientRect();
    return Math.min(1, Math.max(0, (clientX - r.left) / r.width));
  }

  /** Whether every lane is quiet at bucket i. */
  silentAt(i, threshold) {
    return this.peaks.every(lane => (lane[i] || 0) < threshold);
  }

  draw(positionMs) {
    const c = this.canvas, g = c.getContext("2d");
    g.clearRect(0, 0, c.width, c.height);
    if (!this.peaks) return;
    const lanes = this.peaks.length, laneH = c.height / lanes, colours = ["#0f766e", "#7c3aed"];
    this.peaks.forEach((lane, li) => {
      const mid = laneH * li + laneH / 2, w = c.width / lane.length;
      g.fillStyle = colours[li % colours.length];
      lane.forEach((p, i) => {
        const h = Math.max(1, p * (laneH - 6));
        g.fillRect(i * w, mid - h / 2, Math.max(1, w - 0.5), h);
      });
    });
    g.fillStyle = "#d97706";
    for (const m of this.marks) {
      const x = this.durationMs ? (m / this.durationMs) * c.width : 0;
      g.fillRect(x - 1, 0, 3, 8);
      g.fillRect(x - 1, c.height - 8, 3, 8);
    }
    if (this.durationMs) {
      g.fillStyle = "#1d2433";
      g.fillRect(Math.round((positionMs / this.durationMs) * c.width), 0, 2, c.height);
    }
  }
}

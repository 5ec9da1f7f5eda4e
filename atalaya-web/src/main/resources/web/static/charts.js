// Small SVG charts drawn by hand: the machines that show them may be offline, so no library or CDN.
// Every text goes in through textContent, never as markup.
"use strict";
const SVG_NS = "http://www.w3.org/2000/svg";
const CHART = { w: 640, h: 240, left: 36, right: 8, top: 10, bottom: 34 };

function svgEl(name, attrs, text) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  if (text != null) el.textContent = text;
  return el;
}

function chartFrame(max, format) {
  const svg = svgEl("svg", { viewBox: `0 0 ${CHART.w} ${CHART.h}`, role: "img" });
  const plotH = CHART.h - CHART.top - CHART.bottom;
  for (const frac of [0, 0.5, 1]) {
    const y = CHART.top + plotH * (1 - frac);
    svg.append(svgEl("line", { class: "axis", x1: CHART.left, x2: CHART.w - CHART.right, y1: y, y2: y }));
    svg.append(svgEl("text", { x: CHART.left - 4, y: y + 3, "text-anchor": "end" }, format(max * frac)));
  }
  return svg;
}

// Labels under the groups, thinned out so that they never overlap.
function xLabels(svg, labels, slot) {
  const every = Math.max(1, Math.ceil(labels.length / Math.floor((CHART.w - CHART.left) / 48)));
  labels.forEach((label, i) => {
    if (i % every === 0) {
      svg.append(svgEl("text", { x: CHART.left + slot * (i + 0.5), y: CHART.h - CHART.bottom + 14,
        "text-anchor": "middle" }, label));
    }
  });
}

/** Grouped bars: one group per label, one bar per series ({key, label, values}). */
function barChart(container, labels, series) {
  const max = Math.max(1, ...series.flatMap(s => s.values.map(v => v || 0)));
  const svg = chartFrame(max, v => Math.round(v));
  const plotH = CHART.h - CHART.top - CHART.bottom;
  const slot = (CHART.w - CHART.left - CHART.right) / Math.max(1, labels.length);
  const barW = Math.max(1, (slot * 0.8) / series.length);
  labels.forEach((label, i) => {
    series.forEach((s, j) => {
      const v = s.values[i] || 0;
      const h = plotH * v / max;
      const bar = svgEl("rect", { class: "bar " + s.key, x: CHART.left + slot * i + slot * 0.1 + barW * j,
        y: CHART.top + plotH - h, width: barW, height: h, "data-value": v });
      bar.append(svgEl("title", {}, label + " · " + s.label + ": " + v));
      svg.append(bar);
    });
  });
  xLabels(svg, labels, slot);
  container.replaceChildren(svg, legend(series.map(s => [s.key, s.label])));
}

/** A line of percentages (nulls break nothing, they are skipped) and a dashed target line. */
function lineChart(container, labels, values, target, names) {
  const svg = chartFrame(100, v => Math.round(v) + "%");
  const plotH = CHART.h - CHART.top - CHART.bottom;
  const slot = (CHART.w - CHART.left - CHART.right) / Math.max(1, labels.length);
  const y = v => CHART.top + plotH * (1 - Math.min(100, Math.max(0, v)) / 100);
  if (target != null && !isNaN(target)) {
    svg.append(svgEl("line", { class: "target", x1: CHART.left, x2: CHART.w - CHART.right, y1: y(target), y2: y(target) }));
  }
  const points = [];
  values.forEach((v, i) => {
    if (v == null) return;
    const x = CHART.left + slot * (i + 0.5);
    points.push(x + "," + y(v));
    const dot = svgEl("circle", { class: "sl-point", cx: x, cy: y(v), r: 3 });
    dot.append(svgEl("title", {}, labels[i] + ": " + v.toFixed(1) + " %"));
    svg.append(dot);
  });
  svg.append(svgEl("polyline", { class: "sl", points: points.join(" ") }));
  xLabels(svg, labels, slot);
  container.replaceChildren(svg, legend([["sl", names.sl], ["target", names.target]]));
}

function legend(items) {
  const p = document.createElement("p");
  p.className = "legend";
  for (const [key, label] of items) {
    const span = document.createElement("span");
    const swatch = document.createElement("i");
    swatch.className = "swatch-" + key;
    swatch.style.background = { offered: "#94a3b8", answered: "#0f766e", abandoned: "#b42318", sl: "#0f766e",
      target: "#d97706" }[key] || "#999";
    span.append(swatch, label);
    p.append(span);
  }
  return p;
}

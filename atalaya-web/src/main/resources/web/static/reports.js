// The KPI reports: pick a period and a split, see every figure in a table, volumes as bars and
// the service level as a line against its target, and export the same filters as CSV.
"use strict";
// Column → [i18n key, unit, decimals]. The order is the table's. An empty service-level threshold
// lets the API judge each call by its queue's own (routing's serviceLevelSeconds).
const REPORT_COLUMNS = [
  ["offered", "kpi.offered", "", 0], ["answered", "kpi.answered", "", 0], ["abandoned", "kpi.abandoned", "", 0],
  ["shortAbandoned", "kpi.shortAbandoned", "", 0], ["unanswered", "kpi.unanswered", "", 0],
  ["serviceLevelPercent", "kpi.serviceLevel", "%", 1], ["abandonRatePercent", "kpi.abandonRate", "%", 1],
  ["asaSeconds", "kpi.asa", "s", 1], ["averageAbandonSeconds", "kpi.avgAbandon", "s", 1],
  ["ahtSeconds", "kpi.aht", "s", 1], ["averageTalkSeconds", "kpi.talk", "s", 1],
  ["averageHoldSeconds", "kpi.hold", "s", 1], ["averageWrapUpSeconds", "kpi.wrapUp", "s", 1],
  ["fcrPercent", "kpi.fcr", "%", 1], ["csatAverage", "kpi.csat", "", 2], ["transfers", "kpi.transfers", "", 0],
  ["callbacks", "kpi.callbacks", "", 0], ["occupancyPercent", "kpi.occupancy", "%", 1]];

function fmtNumber(value, decimals) {
  if (value == null) return "—";
  return value.toLocaleString(LANG === "es" ? "es-ES" : "en-GB", { maximumFractionDigits: decimals });
}

function fmtFigure(value, unit, decimals) {
  if (value == null) return "—";
  return fmtNumber(value, decimals) + (unit ? "\u00a0" + unit : "");
}

// What a row's key means for a person: a time or a date in the report's zone, a queue, an agent.
function keyLabel(key, by, zone, multiDay) {
  if (by === "interval") {
    const opts = { timeZone: zone, hour: "2-digit", minute: "2-digit" };
    if (multiDay) Object.assign(opts, { day: "2-digit", month: "2-digit" });
    return new Date(key).toLocaleString(LANG === "es" ? "es-ES" : "en-GB", opts);
  }
  if (by === "day") {
    return new Date(key + "T12:00:00Z").toLocaleDateString(LANG === "es" ? "es-ES" : "en-GB",
      { timeZone: "UTC", weekday: "short", day: "2-digit", month: "2-digit" });
  }
  return key === "total" ? t("rep.by.total") : key;
}

function reportParams() {
  const params = formParams("rep-filters");
  params.delete("target");
  if (params.get("by") !== "interval") params.delete("interval");
  return params;
}

function showReportError(message) {
  const p = document.getElementById("rep-error");
  p.textContent = message || "";
  p.hidden = !message;
}

async function loadReport() {
  const params = reportParams();
  const csv = new URLSearchParams(params);
  csv.set("format", "csv");
  document.getElementById("rep-csv").href = "/api/v1/kpis?" + csv;
  const res = await fetch("/api/v1/kpis?" + params, { headers: { "Accept": "application/json" } });
  if (res.status === 401) { window.location.assign("/login"); return; }
  if (res.status === 403) {
    document.getElementById("rep-forbidden").hidden = false;
    document.getElementById("rep-filters").hidden = true;
    return;
  }
  if (!res.ok) {
    let message = String(res.status);
    try { message = (await res.json()).message; } catch (e) { /* no body */ }
    showReportError(message);
    return;
  }
  showReportError(null);
  renderReport(await res.json());
}

function renderReport(report) {
  const multiDay = new Date(report.to) - new Date(report.from) > 86400000;
  const labels = report.rows.map(r => keyLabel(r.key, report.by, report.zone, multiDay));
  const head = document.getElementById("rep-head");
  const th = (text, className) => {
    const el = document.createElement("th");
    el.className = className;
    el.textContent = text;
    return el;
  };
  head.replaceChildren(th(t("rep.key." + report.by), ""),
    ...REPORT_COLUMNS.map(([, key, unit]) => th(t(key) + (unit ? " (" + unit + ")" : ""), "num")));
  document.getElementById("rep-rows").replaceChildren(...report.rows.map((r, i) => {
    const tr = document.createElement("tr");
    tr.dataset.key = r.key;
    tr.append(cell(labels[i]));
    for (const [name, , unit, decimals] of REPORT_COLUMNS) {
      const td = cell(fmtFigure(r.figures[name], unit, decimals));
      td.className = "num";
      td.dataset.col = name;
      tr.append(td);
    }
    return tr;
  }));
  const series = [["offered", "kpi.offered"], ["answered", "kpi.answered"], ["abandoned", "kpi.abandoned"]]
    .map(([key, label]) => ({ key, label: t(label), values: report.rows.map(r => r.figures[key]) }));
  barChart(document.getElementById("chart-volume"), labels, series);
  const target = parseFloat(new FormData(document.getElementById("rep-filters")).get("target"));
  lineChart(document.getElementById("chart-sl"), labels, report.rows.map(r => r.figures.serviceLevelPercent), target,
    { sl: t("kpi.serviceLevel"), target: t("rep.target") });
}

// The target of the line is the tenant's own service-level SLA when there is one.
async function targetFromSla(form) {
  try {
    const defs = await api("/api/v1/sla/definitions");
    const sl = defs.items.find(d => d.metric === "serviceLevel" && !d.queue) || defs.items.find(d => d.metric === "serviceLevel");
    if (sl) {
      form.elements.target.value = sl.target;
      form.elements.serviceLevel.value = sl.thresholdSeconds;
    }
  } catch (e) { /* no SLA API or no right to read it: the default target stays */ }
}

document.addEventListener("DOMContentLoaded", async () => {
  const form = document.getElementById("rep-filters");
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  const today = new Date().toLocaleDateString("en-CA", { timeZone: zone });
  const url = new URLSearchParams(window.location.search);
  form.elements.zone.value = url.get("zone") || zone;
  form.elements.from.value = url.get("from") || today;
  form.elements.to.value = url.get("to") || today;
  if (url.get("by")) form.elements.by.value = url.get("by");
  const syncInterval = () => { form.elements.interval.disabled = form.elements.by.value !== "interval"; };
  form.elements.by.addEventListener("change", syncInterval);
  syncInterval();
  form.addEventListener("submit", ev => { ev.preventDefault(); loadReport(); });
  await targetFromSla(form);
  loadReport();
});

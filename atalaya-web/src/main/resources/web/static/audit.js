// The audit log for auditors and admins: filter, page, export what is filtered, verify the chain.
"use strict";
const AUDIT_PAGE = 50;
let auditOffset = 0;

function auditFilters() {
  return formParams("audit-search");
}

function showAuditError(message) {
  const p = document.getElementById("audit-error");
  p.textContent = message || "";
  p.hidden = !message;
}

// The export links carry the same filters as the table, so the file holds what the auditor sees.
function updateExportLinks() {
  for (const format of ["csv", "json"]) {
    const params = auditFilters();
    params.set("format", format);
    document.getElementById("export-" + format).href = "/api/v1/audit/export?" + params;
  }
}

async function loadAudit() {
  const params = auditFilters();
  params.set("offset", auditOffset);
  params.set("limit", AUDIT_PAGE);
  updateExportLinks();
  const res = await fetch("/api/v1/audit?" + params, { headers: { "Accept": "application/json" } });
  if (res.status === 401) { window.location.assign("/login"); return; }
  if (res.status === 403) {
    document.getElementById("audit-forbidden").hidden = false;
    document.getElementById("audit-search").hidden = true;
    return;
  }
  if (!res.ok) {
    let message = res.status + "";
    try { message = (await res.json()).message; } catch (e) { /* no body */ }
    showAuditError(message);
    return;
  }
  showAuditError(null);
  const page = await res.json();
  document.getElementById("audit-rows").replaceChildren(...page.items.map(e => {
    const tr = document.createElement("tr");
    tr.dataset.seq = e.seq;
    tr.append(cell(e.seq), cell(fmtDate(e.at)), cell(e.actor), cell(actionLabel(e.action)), cell(e.target), cell(e.detail));
    tr.children[3].title = e.action;
    return tr;
  }));
  document.getElementById("audit-empty").hidden = page.items.length > 0 || auditOffset > 0;
  document.getElementById("prev").disabled = auditOffset === 0;
  document.getElementById("next").disabled = page.items.length < AUDIT_PAGE;
}

// "recording.play" reads as "Played a recording" / "Reproducción de grabación"; unknown actions show as they are.
function actionLabel(action) {
  const key = "audit.do." + action;
  const label = t(key);
  return label === key ? action : label;
}

async function verifyChain() {
  const out = document.getElementById("verify-result");
  out.textContent = "…";
  try {
    const r = await api("/api/v1/audit/verify");
    out.className = r.intact ? "ok" : "error";
    // The problems (English, as the CLI prints them) say which rows: edited, or missing at the end.
    out.textContent = r.intact ? t("audit.intact")
      : t("audit.broken") + (r.firstBadRow ? " " + r.firstBadRow : "") + " (" + (r.problems || []).join("; ") + ")";
  } catch (e) {
    out.className = "error";
    out.textContent = e.message;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("audit-search");
  form.addEventListener("submit", ev => { ev.preventDefault(); auditOffset = 0; loadAudit(); });
  form.addEventListener("reset", () => setTimeout(() => { auditOffset = 0; loadAudit(); }, 0));
  form.addEventListener("change", updateExportLinks);
  document.getElementById("prev").addEventListener("click", () => { auditOffset = Math.max(0, auditOffset - AUDIT_PAGE); loadAudit(); });
  document.getElementById("next").addEventListener("click", () => { auditOffset += AUDIT_PAGE; loadAudit(); });
  document.getElementById("verify").addEventListener("click", verifyChain);
  loadAudit();
});

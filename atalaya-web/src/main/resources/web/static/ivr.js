// IVR flows, business hours and routing as JSON documents: admins edit and save them, supervisors
// read them. The server checks every document whole; its refusals are shown as it words them,
// and the editor keeps the user's text so that it can be fixed.
"use strict";
const IVR_PATHS = { hours: "/api/v1/ivr/hours", routing: "/api/v1/routing" };
const NEW_FLOW = { id: "new-flow", numbers: [], start: "welcome", steps: {
  welcome: { type: "play", prompt: "welcome", then: "queue" }, queue: { type: "queue", queue: "default" } } };
let canWrite = false;
let flowIds = [];
let current = null;   // { kind: "flow" | "new" | "hours" | "routing", id, stored: the text as loaded or saved }

const el = id => document.getElementById(id);

async function ivrFetch(path, init) {
  const res = await fetch(path, Object.assign({ headers: { "Accept": "application/json" } }, init || {}));
  if (res.status === 401) {
    window.location.assign("/login");
    throw new Error("logged out");
  }
  return res;
}

async function serverMessage(res) {
  try { return (await res.json()).message || String(res.status); } catch (e) { return String(res.status); }
}

function flowPath(id) {
  return "/api/v1/ivr/flows/" + encodeURIComponent(id);
}

function pretty(text) {
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; }
}

function showStatus(ok, error) {
  el("ivr-ok").textContent = ok || "";
  el("ivr-ok").hidden = !ok;
  el("ivr-error").textContent = error || "";
  el("ivr-error").hidden = !error;
}

// The server's refusal as it words it (it names the field), under a line in the user's language.
function showServerError(message) {
  showStatus(null, null);
  const lead = document.createElement("strong");
  lead.textContent = t("ivr.refused") + " ";
  const msg = document.createElement("span");
  msg.id = "ivr-server-msg";
  msg.textContent = message;
  el("ivr-error").replaceChildren(lead, msg);
  el("ivr-error").hidden = false;
}

// The tenant's flows with their numbers; false when this user may not read them.
async function loadFlows() {
  const res = await ivrFetch("/api/v1/ivr/flows");
  if (res.status === 403) {
    el("ivr-forbidden").hidden = false;
    el("ivr-layout").hidden = true;
    return false;
  }
  if (!res.ok) {
    el("ivr-pick").textContent = await serverMessage(res);
    return true;
  }
  flowIds = (await res.json()).items.slice().sort();
  const numbers = await Promise.all(flowIds.map(async id => {
    try {
      const doc = JSON.parse(await (await ivrFetch(flowPath(id))).text());
      return Array.isArray(doc.numbers) ? doc.numbers : [];
    } catch (e) { return []; }
  }));
  el("ivr-flows").replaceChildren(...flowIds.map((id, i) => {
    const b = document.createElement("button");
    b.className = "doc";
    b.dataset.doc = "flow:" + id;
    b.append(id);
    if (numbers[i].length) {
      const n = document.createElement("span");
      n.className = "muted numbers";
      n.textContent = numbers[i].join(", ");
      b.append(n);
    }
    const li = document.createElement("li");
    li.append(b);
    return li;
  }));
  el("ivr-no-flows").hidden = flowIds.length > 0;
  markCurrent();
  return true;
}

function docKey(doc) {
  return doc ? (doc.kind === "flow" ? "flow:" + doc.id : doc.kind) : "";
}

function markCurrent() {
  document.querySelectorAll(".doc-list button.doc").forEach(b => {
    b.classList.toggle("current", b.dataset.doc === docKey(current));
  });
}

function dirty() {
  return current != null && canWrite && el("ivr-text").value !== current.stored;
}

// Opens "flow:<id>", "hours", "routing" or "new" in the editor.
async function openDoc(key) {
  if (dirty() && !window.confirm(t("ivr.discard"))) return;
  const [kind, id] = key.startsWith("flow:") ? ["flow", key.slice(5)] : [key, null];
  let text, note = null;
  if (kind === "new") {
    text = JSON.stringify(NEW_FLOW, null, 2);
    note = t("ivr.newNote");
  } else {
    const res = await ivrFetch(kind === "flow" ? flowPath(id) : IVR_PATHS[kind]);
    if (kind === "hours" && res.status === 404) {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "Europe/Madrid";
      text = JSON.stringify({ zone, week: { mon: ["09:00-18:00"], tue: ["09:00-18:00"], wed: ["09:00-18:00"],
        thu: ["09:00-18:00"], fri: ["09:00-18:00"] }, holidays: [] }, null, 2);
      note = t("ivr.hoursUnset");
    } else if (!res.ok) {
      const message = await serverMessage(res);
      if (el("ivr-editor").hidden) el("ivr-pick").textContent = message;
      else showServerError(message);
      return;
    } else {
      text = pretty(await res.text());
    }
  }
  current = { kind, id, stored: text };
  el("ivr-pick").hidden = true;
  el("ivr-editor").hidden = false;
  el("ivr-text").value = text;
  el("ivr-doc-note").textContent = note || "";
  el("ivr-doc-note").hidden = !note;
  showStatus(null, null);
  showDoc();
}

// Title, buttons and summary of the open document.
function showDoc() {
  const titles = { flow: t("ivr.flow") + " " + current.id, new: t("ivr.new"), hours: t("ivr.hours"),
    routing: t("ivr.routing") };
  el("ivr-doc-title").textContent = titles[current.kind];
  el("ivr-text").readOnly = !canWrite;
  el("ivr-save").hidden = !canWrite;
  el("ivr-revert").hidden = !canWrite;
  el("ivr-delete").hidden = !canWrite || current.kind !== "flow";
  markCurrent();
  updateSummary();
}

function updateSummary() {
  const isFlow = current.kind === "flow" || current.kind === "new";
  el("ivr-summary-box").hidden = !isFlow;
  if (!isFlow) return;
  try {
    const doc = JSON.parse(el("ivr-text").value);
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw new Error("not an object");
    renderFlowSummary(el("ivr-summary"), doc, flowIds);
  } catch (e) {
    el("ivr-summary").replaceChildren(warning(t("ivr.sum.invalid")));
  }
}

// The document as the user wrote it, or null after saying what is wrong with it: bad JSON never leaves the page.
function checkedText() {
  const text = el("ivr-text").value;
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    showStatus(null, t("ivr.badJson") + " " + e.message);
    return null;
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    showStatus(null, t("ivr.notObject"));
    return null;
  }
  if (current.kind === "new") {
    if (typeof doc.id !== "string" || !doc.id.trim()) {
      showStatus(null, t("ivr.needId"));
      return null;
    }
    if (flowIds.includes(doc.id.trim())) {
      showStatus(null, t("ivr.exists").replace("{id}", doc.id.trim()));
      return null;
    }
    current.newId = doc.id.trim();
  }
  return text;
}

async function save() {
  showStatus(null, null);
  const text = checkedText();
  if (text == null) return;
  const path = current.kind === "flow" ? flowPath(current.id)
    : current.kind === "new" ? flowPath(current.newId) : IVR_PATHS[current.kind];
  const res = await ivrFetch(path, { method: "PUT", body: text,
    headers: { "Accept": "application/json", "Content-Type": "application/json" } });
  if (!res.ok) {
    showServerError(await serverMessage(res));
    return;
  }
  current.stored = text;
  if (current.kind === "new") {
    current = { kind: "flow", id: current.newId, stored: text };
    el("ivr-doc-note").hidden = true;
  }
  if (current.kind === "flow") await loadFlows();
  showDoc();
  showStatus(t(res.status === 201 ? "ivr.created" : "ivr.saved"), null);
}

async function remove() {
  const id = current.id;
  if (!window.confirm(t("ivr.confirmDelete").replace("{id}", id))) return;
  const res = await ivrFetch(flowPath(id), { method: "DELETE" });
  if (!res.ok) {
    showServerError(await serverMessage(res));
    return;
  }
  current = null;
  el("ivr-editor").hidden = true;
  el("ivr-pick").textContent = t("ivr.deleted").replace("{id}", id);
  el("ivr-pick").hidden = false;
  await loadFlows();
}

function revert() {
  el("ivr-text").value = current.stored;
  showStatus(null, null);
  updateSummary();
}

document.addEventListener("DOMContentLoaded", async () => {
  document.querySelector(".doc-list").addEventListener("click", ev => {
    const b = ev.target.closest("button.doc");
    if (b) openDoc(b.dataset.doc);
  });
  el("ivr-new").addEventListener("click", () => openDoc("new"));
  el("ivr-save").addEventListener("click", save);
  el("ivr-revert").addEventListener("click", revert);
  el("ivr-delete").addEventListener("click", remove);
  el("ivr-text").addEventListener("input", () => { el("ivr-ok").hidden = true; updateSummary(); });
  let me;
  try { me = await api("/api/v1/session"); } catch (e) { return; }
  canWrite = me.role === "admin";
  if (!(await loadFlows())) return;
  el("ivr-layout").hidden = false;
  el("ivr-readonly").hidden = canWrite;
  el("ivr-new").hidden = !canWrite;
  document.body.dataset.ready = "true";
});

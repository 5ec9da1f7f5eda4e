// The agent's view: the current call, a "need help" button and discreet supervisor notices.
"use strict";
let helpRaised = false;
let calls = [];

async function load() {
  try {
    calls = await api("/api/v1/calls/active");
  } catch (e) {
    return;
  }
  document.getElementById("mycalls").replaceChildren(...calls.map(c => {
    const tr = document.createElement("tr");
    tr.dataset.callId = c.id;
    tr.append(cell(fmtDuration((Date.now() - new Date(c.answeredAt || c.startedAt).getTime()) / 1000)),
      cell(c.fromName ? c.fromName + " <" + c.from + ">" : c.from), cell(c.queue), cell(t(c.state)));
    return tr;
  }));
  const onCall = calls.some(c => c.state === "CONNECTED" || c.state === "ON_HOLD");
  document.getElementById("mycalls-empty").hidden = calls.length > 0;
  const help = document.getElementById("help");
  help.disabled = !onCall;
  if (!onCall) {
    helpRaised = false;
    document.getElementById("notice").hidden = true;
  }
  help.textContent = t(helpRaised ? "agent.helpCancel" : "agent.help");
}

async function toggleHelp() {
  const res = await fetch("/api/v1/help", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ raised: !helpRaised })
  });
  if (res.ok) {
    helpRaised = !helpRaised;
    document.getElementById("help-status").textContent = helpRaised ? t("agent.helpSent") : "";
  }
  load();
}

function onNotice(e) {
  const n = JSON.parse(e.data);
  const el = document.getElementById("notice");
  if (n.mode === "ENDED" || n.mode === "LISTEN") {
    el.hidden = true;
  } else {
    el.textContent = t("notice." + n.mode);
    el.hidden = false;
  }
}

function onHelp(e) {
  const h = JSON.parse(e.data);
  helpRaised = h.raised;
  document.getElementById("help-status").textContent = helpRaised ? t("agent.helpSent") : "";
  load();
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("help").addEventListener("click", toggleHelp);
  load();
  setInterval(load, 1000);
  const es = new EventSource("/api/v1/events");
  es.addEventListener("notice", onNotice);
  es.addEventListener("help", onHelp);
  es.addEventListener("calls", load);
});

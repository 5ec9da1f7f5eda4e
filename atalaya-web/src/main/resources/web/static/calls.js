"use strict";
async function refresh() {
  try {
    const [active, calls] = await Promise.all([api("/api/v1/calls/active"), api("/api/v1/calls?limit=100")]);
    const activeBody = document.getElementById("active");
    activeBody.replaceChildren(...active.map(c => {
      const tr = document.createElement("tr");
      tr.append(cell(fmtDate(c.startedAt)), cell(c.fromName ? c.fromName + " <" + c.from + ">" : c.from),
        cell(c.to), cell(c.queue), cell(c.agent), cell(t(c.state)));
      return tr;
    }));
    document.getElementById("active-empty").hidden = active.length > 0;
    document.getElementById("calls").replaceChildren(...calls.items.map(c => {
      const tr = document.createElement("tr");
      tr.append(cell(fmtDate(c.startedAt)), cell(c.fromName ? c.fromName + " <" + c.from + ">" : c.from),
        cell(c.to), cell(c.queue), cell(c.agent), cell(fmtDuration(c.waitSeconds)), cell(fmtDuration(c.talkSeconds)),
        cell(t(c.disposition)), cell(t(c.endedBy)));
      return tr;
    }));
  } catch (e) {
    console.warn(e);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  refresh();
  setInterval(refresh, 3000);
});

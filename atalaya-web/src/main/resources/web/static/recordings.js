"use strict";
const PAGE = 50;
let offset = 0;

async function loadRecordings() {
  const page = await api("/api/v1/recordings?offset=" + offset + "&limit=" + PAGE);
  const body = document.getElementById("recordings");
  body.replaceChildren();
  for (const r of page.items) {
    const tr = document.createElement("tr");
    tr.dataset.id = r.id;
    tr.append(cell(fmtDate(r.start)), cell(r.from), cell(r.to), cell(r.agent),
      cell(r.status === "RECORDING" ? t("RECORDING") : fmtDuration(r.durationMillis / 1000)));
    const td = document.createElement("td");
    const audio = document.createElement("audio");
    audio.controls = true;
    audio.preload = "metadata";
    audio.src = "/api/v1/recordings/" + encodeURIComponent(r.id) + "/audio";
    td.append(audio);
    tr.append(td);
    body.append(tr);
  }
  document.getElementById("empty").hidden = page.items.length > 0 || offset > 0;
  document.getElementById("prev").disabled = offset === 0;
  document.getElementById("next").disabled = page.items.length < PAGE;
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); loadRecordings(); });
  document.getElementById("next").addEventListener("click", () => { offset += PAGE; loadRecordings(); });
  loadRecordings();
});

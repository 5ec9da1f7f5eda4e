// A flow read aloud: its steps from the start step on, each with its type and where each key,
// branch or timeout goes, so a supervisor can follow a flow without reading its JSON.
// Only a reading aid: the server checks the flow when it is saved.
"use strict";

// A template's {names} filled with nodes or text; nothing from the flow is parsed as HTML.
function fillTemplate(template, values) {
  const out = document.createDocumentFragment();
  template.split(/(\{\w+\})/).forEach(part => {
    const m = part.match(/^\{(\w+)\}$/);
    const v = m ? values[m[1]] : part;
    if (v instanceof Node) out.append(v);
    else if (v != null && v !== "") out.append(document.createTextNode(String(v)));
  });
  return out;
}

function codeEl(text) {
  const c = document.createElement("code");
  c.textContent = text == null ? "?" : String(text);
  return c;
}

// The steps a step goes to, in the order a caller meets them.
function stepTargets(step) {
  switch (step && step.type) {
    case "play": return [step.then];
    case "menu": return Object.values(step.choices || {}).concat([step.onFailure]);
    case "hours": return [step.open, step.closed];
    default: return [];
  }
}

// From the start step along each path in turn (a branch is read to its end before the next
// one), then the steps no path reaches, in the document's order.
function stepOrder(start, steps) {
  const seen = [];
  const visit = name => {
    if (typeof name !== "string" || !(name in steps) || seen.includes(name)) return;
    seen.push(name);
    stepTargets(steps[name]).forEach(visit);
  };
  visit(start);
  const unreached = Object.keys(steps).filter(n => !seen.includes(n));
  return { reached: seen, unreached };
}

function renderFlowSummary(container, doc, flowIds) {
  const steps = (doc && typeof doc.steps === "object" && doc.steps) || {};
  const ref = name => {
    const span = document.createElement("span");
    span.className = "step-ref";
    span.textContent = name == null ? "?" : String(name);
    if (!(name in steps)) {
      span.classList.add("missing");
      span.title = t("ivr.sum.missing");
      span.append(" (" + t("ivr.sum.missing") + ")");
    }
    return span;
  };
  const para = (template, values) => {
    const p = document.createElement("p");
    p.append(fillTemplate(template, values));
    return p;
  };
  const numbers = Array.isArray(doc.numbers) ? doc.numbers : [];
  const head = [para(t("ivr.sum.start"), { start: ref(doc.start) }),
    numbers.length ? para(t("ivr.sum.numbers"), { numbers: numbers.join(", ") }) : para(t("ivr.sum.noNumbers"), {})];
  const { reached, unreached } = stepOrder(doc.start, steps);
  const list = document.createElement("ol");
  list.className = "steps";
  for (const name of reached.concat(unreached)) {
    list.append(stepItem(name, steps[name] || {}, ref, flowIds, unreached.includes(name)));
  }
  container.replaceChildren(...head, list);
}

function stepItem(name, step, ref, flowIds, unreached) {
  const li = document.createElement("li");
  li.dataset.step = name;
  const title = document.createElement("strong");
  title.textContent = name;
  const type = document.createElement("span");
  type.className = "muted step-type";
  type.textContent = I18N.en["ivr.type." + step.type] ? t("ivr.type." + step.type) : String(step.type);
  li.append(title, " ", type, ": ");
  const v = { prompt: codeEl(step.prompt), then: ref(step.then), open: ref(step.open), closed: ref(step.closed),
    queue: codeEl(step.queue), extension: codeEl(step.extension), box: codeEl(step.box), flow: codeEl(step.flow) };
  switch (step.type) {
    case "menu": li.append(menuLines(step, ref)); break;
    case "play": case "hours": case "queue": case "agent": case "voicemail": case "hangup":
      li.append(fillTemplate(t("ivr.sum." + step.type), v)); break;
    case "flow":
      li.append(fillTemplate(t("ivr.sum.flow"), v));
      if (!flowIds.includes(step.flow)) li.append(" ", warning(t("ivr.sum.noFlow")));
      break;
    default: li.append(warning(t("ivr.sum.unknown")));
  }
  if (unreached) li.append(" ", warning(t("ivr.sum.unreached")));
  return li;
}

function menuLines(step, ref) {
  const out = document.createDocumentFragment();
  const timeout = step.timeoutSeconds == null ? 5 : step.timeoutSeconds;
  const retries = step.retries == null ? 2 : step.retries;
  out.append(fillTemplate(t("ivr.sum.menu"), { prompt: codeEl(step.prompt), timeout }));
  const keys = document.createElement("ul");
  for (const [key, target] of Object.entries(step.choices || {})) {
    const li = document.createElement("li");
    li.dataset.key = key;
    li.append(fillTemplate(t("ivr.sum.key"), { key: codeEl(key), step: ref(target) }));
    keys.append(li);
  }
  const fail = document.createElement("li");
  fail.dataset.key = "failure";
  fail.append(fillTemplate(t(step.invalidPrompt ? "ivr.sum.failureInvalid" : "ivr.sum.failure"),
    { retries, invalid: codeEl(step.invalidPrompt), step: ref(step.onFailure) }));
  keys.append(fail);
  out.append(keys);
  return out;
}

function warning(text) {
  const span = document.createElement("span");
  span.className = "warn";
  span.textContent = text;
  return span;
}

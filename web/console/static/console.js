// The advisor console: sign in, watch the queue, open a case, claim, reply, resolve.
// Plain DOM code; every text from the server is inserted with textContent, never as HTML.
// Every request that changes something sends a JSON body: the server refuses any other (CSRF guard).
"use strict";

const API = "/advisor/api";
const QUEUE_EVERY_MS = 5000;
const CASE_EVERY_MS = 3000;

const $ = (id) => document.getElementById(id);
// Each language's name in itself, from the page: {"es": "Español", ...}.
const LANGUAGE_NAMES = JSON.parse($("language-names")?.textContent || "{}");
const state = { advisor: null, caseId: null, caseData: null, transcriptSize: 0, timers: [] };

async function call(method, path, body) {
  const options = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (method !== "GET") {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body ?? {});
  }
  let response;
  try {
    response = await fetch(API + path, options);
  } catch (err) {
    throw new Error("The console cannot reach the server. Check your connection.");
  }
  const data = await response.json().catch(() => ({}));
  if (response.status === 401 && path !== "/session") {
    showSignIn("Your session has ended. Please sign in again.");
  }
  if (!response.ok) {
    const error = new Error(data.error || `The server answered ${response.status}.`);
    error.status = response.status;
    throw error;
  }
  return data;
}

function say(message) {
  $("status").textContent = message;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

// The assistant's replies link credentials as [name](address); the transcript shows the name.
function readable(text) {
  return String(text ?? "").replace(/\[([^\]]+)\]\((?:https?:\/\/|mailto:)[^\s)]+\)/g, "$1");
}

// The conversation's language, named in itself: "Español (es)"; "—" when the case has none.
function languageLabel(code) {
  return code ? `${LANGUAGE_NAMES[code] || code} (${code})` : "—";
}

function learnerLabel(learner) {
  if (learner.signed_in) return learner.name ? `${learner.name} (${learner.student_id})` : `Student ${learner.student_id}`;
  return learner.contact ? `Anonymous (contact: ${learner.contact})` : "Anonymous";
}

// --- signing in and out ---------------------------------------------------

function stopPolling() {
  state.timers.forEach(clearInterval);
  state.timers = [];
}

// Signed out, nothing of the queue or of a case stays in the page: it is emptied, not just hidden.
function clearWorkspace() {
  state.caseId = null;
  state.transcriptSize = 0;
  for (const id of ["advisor-name", "queue-list", "case-title", "case-details", "case-warning", "student-body", "transcript"]) {
    $(id).replaceChildren();
  }
  $("case").hidden = true;
  $("student").hidden = true;
}

function showSignIn(message) {
  stopPolling();
  state.advisor = null;
  clearWorkspace();
  $("whoami").hidden = true;
  $("workspace").hidden = true;
  $("sign-in").hidden = false;
  say(message || "");
  $("sign-in-error").textContent = "";
  $("email").focus();
}

function showWorkspace(advisor) {
  state.advisor = advisor;
  $("advisor-name").textContent = advisor.name;
  $("whoami").hidden = false;
  $("sign-in").hidden = true;
  $("workspace").hidden = false;
  loadQueue();
  state.timers.push(setInterval(loadQueue, QUEUE_EVERY_MS));
  state.timers.push(setInterval(() => state.caseId && loadCase(false), CASE_EVERY_MS));
}

$("sign-in-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const data = await call("POST", "/session", { email: $("email").value, password: $("password").value });
    $("password").value = "";
    showWorkspace(data.advisor);
    say(`Signed in as ${data.advisor.name}.`);
  } catch (err) {
    $("sign-in-error").textContent = err.message;
  }
});

$("sign-out").addEventListener("click", async () => {
  await call("DELETE", "/session").catch(() => {});
  showSignIn("You have signed out.");
});

// --- the queue ------------------------------------------------------------

async function loadQueue() {
  let data;
  try {
    data = await call("GET", "/cases");
  } catch (err) {
    if (err.status !== 401) say(err.message);
    return;
  }
  if (!state.advisor) return; // signed out while the answer was on its way
  const list = $("queue-list");
  list.replaceChildren();
  $("queue-empty").hidden = data.cases.length > 0;
  for (const item of data.cases) {
    const button = element("button");
    button.type = "button";
    const holder = item.claimed_by ? `claimed by ${item.claimed_by}` : "waiting";
    button.append(
      element("strong", `Case #${item.id}: ${item.reason_label}`),
      element("br"),
      element("span", `${learnerLabel(item.learner)} · ${holder} · since ${when(item.created_at)}`)
    );
    if (item.language) {
      const name = element("span", languageLabel(item.language));
      name.lang = item.language;
      button.append(element("span", " · "), name);
    }
    button.setAttribute("aria-current", String(item.id === state.caseId));
    button.addEventListener("click", () => openCase(item.id));
    const entry = element("li", null, item.priority === 0 ? "urgent" : "");
    entry.append(button);
    list.append(entry);
  }
}

// --- one case -------------------------------------------------------------

function openCase(caseId) {
  state.caseId = caseId;
  state.transcriptSize = 0;
  $("transcript").replaceChildren();
  $("student").hidden = true;
  $("case").hidden = false;
  loadCase(true);
  loadQueue();
}

function renderDetails(item) {
  const rows = [
    ["Reason", item.reason_label],
    ["Learner", learnerLabel(item.learner)],
    ["Language", languageLabel(item.language), item.language],
    ["Status", item.claimed_by ? `${item.status} by ${item.claimed_by}` : item.status],
    ["Opened", when(item.created_at)],
    ["Credentials discussed", item.credentials.map((c) => c.name).join(", ") || "none"],
    ["Advisors notified", item.notification.status === "sent" ? `yes, ${when(item.notification.notified_at)}`
      : `not yet (${item.notification.attempts} tries${item.notification.last_error ? ": " + item.notification.last_error : ""})`],
  ];
  const list = $("case-details");
  list.replaceChildren();
  for (const [term, value, lang] of rows) {
    const detail = element("dd", value);
    if (lang) detail.lang = lang;
    list.append(element("dt", term), detail);
  }
}

function renderTranscript(lines) {
  const list = $("transcript");
  if (lines.length === state.transcriptSize) return;
  list.replaceChildren();
  for (const line of lines) {
    const who = line.sender === "advisor" ? `Advisor ${line.advisor || ""}`.trim()
      : line.sender === "learner" ? "Learner" : "Assistant";
    const entry = element("li", null, line.sender);
    const time = element("time", new Date(line.at).toLocaleTimeString());
    time.dateTime = line.at;
    entry.append(element("span", who, "who"), time, element("p", readable(line.text)));
    list.append(entry);
  }
  state.transcriptSize = lines.length;
  list.scrollTop = list.scrollHeight;
}

async function loadCase(focus) {
  const caseId = state.caseId;
  let data;
  try {
    data = await call("GET", `/cases/${caseId}`);
  } catch (err) {
    if (err.status !== 401) say(err.message);
    return;
  }
  if (!state.advisor || caseId !== state.caseId) return;
  const item = data.case;
  const mine = item.status === "claimed" && item.claimed_by === state.advisor.name;
  $("case-title").textContent = `Case #${item.id}`;
  renderDetails(item);
  $("case-warning").textContent = data.warning || "";
  $("claim").hidden = item.status !== "open";
  $("resolve").hidden = !mine;
  $("reply-form").hidden = !mine;
  renderTranscript(data.transcript);
  // The student's context helps decide whether to take the case, so it shows before claiming.
  if ((mine || item.status === "open") && $("student").hidden && item.learner.signed_in) loadStudent(caseId);
  if (focus) $("case-title").focus();
}

function renderStudent(student) {
  const box = $("student-body");
  box.replaceChildren();
  if (!student || !student.progress) {
    box.append(element("p", "No records are available for this student."));
    return;
  }
  const progress = student.progress;
  box.append(element("p", `${progress.given_name} (${progress.student_id})` +
    (student.as_of === "handoff" ? ", as recorded when the case opened" : "")));
  const list = element("ul");
  for (const e of progress.enrollments) {
    let text = `${e.credential}: ${e.status}, ${e.completed} of ${e.total} requirements (${e.percent}%), ${e.credits_earned} credits`;
    if (e.next) text += `; next: ${e.next}`;
    if (e.missing_prerequisites.length) text += `; missing prerequisites: ${e.missing_prerequisites.join(", ")}`;
    list.append(element("li", text));
  }
  if (!progress.enrollments.length) list.append(element("li", "No enrollments."));
  box.append(list);
  for (const s of progress.stacking) box.append(element("p", `Toward ${s.target}: ${s.earned} of ${s.total} earned.`));
}

async function loadStudent(caseId) {
  try {
    const data = await call("GET", `/cases/${caseId}/student`);
    if (!state.advisor || caseId !== state.caseId) return;
    renderStudent(data.student);
    $("student").hidden = false;
  } catch (err) {
    say(err.message);
  }
}

$("claim").addEventListener("click", async () => {
  try {
    await call("POST", `/cases/${state.caseId}/claim`);
    say(`You have claimed case #${state.caseId}.`);
    await loadCase(false);
    $("reply").focus();
  } catch (err) {
    say(err.message);
    loadCase(false);
  }
  loadQueue();
});

$("resolve").addEventListener("click", async () => {
  if (!window.confirm("Resolve this case and hand the learner back to the assistant?")) return;
  try {
    await call("POST", `/cases/${state.caseId}/resolve`);
    say(`Case #${state.caseId} is resolved; the assistant has told the learner it is back.`);
    state.caseId = null;
    $("case").hidden = true;
    $("queue-title").focus();
  } catch (err) {
    say(err.message);
  }
  loadQueue();
});

$("reply-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = $("reply").value.trim();
  if (!text) return;
  try {
    await call("POST", `/cases/${state.caseId}/messages`, { text });
    $("reply").value = "";
    say("Reply sent.");
  } catch (err) {
    say(err.message);
  }
  loadCase(false);
});

$("reply").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) $("reply-form").requestSubmit();
});

// --- start ----------------------------------------------------------------

call("GET", "/session").then((data) => showWorkspace(data.advisor)).catch(() => showSignIn());

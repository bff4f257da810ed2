/**
 * The chat widget: a launcher button and a non-modal dialog holding the conversation.
 *
 * Keyboard: the launcher opens it and focus moves to the message box; Tab and Shift+Tab
 * cycle within the open dialog; Escape or the close button closes it and focus goes back
 * to what opened it. New messages land in an aria-live log; a typing indicator shows while
 * the assistant is answering; an alert with "Try again" says when the assistant can't be
 * reached, while the connection keeps retrying by itself. On a wide screen the open dialog
 * docks at the right and the page makes room for it (``chat-docked``), so it covers nothing.
 *
 * Languages: the widget speaks the page's language and sends the conversation's language
 * with every message (``customData.language``), first the page's. A reply whose ``language``
 * differs is the assistant switching (the learner wrote in another language): the widget
 * follows it from then on and says so in the log, in that language. Each bubble carries the
 * language it is in (``lang``).
 */
import { entryFromBotMessage, renderEntry } from "./messages.js";
import { languages, pageLanguage, say } from "./strings.js";

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex='-1'])";
/** The assistant may stay quiet on purpose (an advisor has the conversation), so the dots stop. */
const TYPING_LIMIT_MS = 10000;

export class ChatWidget {
  constructor(root, { store, connectTo }) {
    this.store = store;
    this.identity = null;
    this.unread = 0;
    this.opener = null;
    this.awaitingAdvisor = false;
    const kept = store.language;
    this.language = kept && kept.page === pageLanguage ? kept.current : pageLanguage;
    this.parts = Object.fromEntries(
      ["launcher", "unread", "panel", "close", "identity", "alert", "alert-text",
        "retry", "log", "typing", "form", "input"].map((name) => [name, root.querySelector(`[data-chat-${name}]`)]),
    );
    this.root = root;
    this.connection = connectTo({
      onReady: (sessionId) => this.onReady(sessionId),
      onMessage: (data) => this.onBotMessage(data),
      onUnreachable: () => this.onUnreachable(),
    });
    this.bindEvents();
    for (const entry of store.transcript) this.show(entry);
    if (store.sessionId) this.connection.connect(store.sessionId);
    if (store.open) this.open({ focus: false });
  }

  bindEvents() {
    const { launcher, close, panel, form, input, retry } = this.parts;
    launcher.addEventListener("click", () => (this.isOpen ? this.close() : this.open()));
    close.addEventListener("click", () => this.close());
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        this.close();
      } else if (event.key === "Tab") {
        this.keepFocusInside(event);
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (text && this.send(text)) input.value = "";
    });
    retry.addEventListener("click", () => {
      this.hideAlert();
      this.connection.retry();
    });
  }

  get isOpen() {
    return !this.parts.panel.hidden;
  }

  /** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
  keepFocusInside(event) {
    const controls = [...this.parts.panel.querySelectorAll(FOCUSABLE)].filter((node) => node.getClientRects().length);
    if (!controls.length) return;
    const first = controls[0];
    const last = controls[controls.length - 1];
    const inside = this.parts.panel.contains(document.activeElement);
    if (event.shiftKey && (document.activeElement === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  }

  /** Open or closed, for the page: it makes room for the docked dialog. */
  setOpen(open) {
    this.parts.panel.hidden = !open;
    this.root.classList.toggle("chat-open", open);
    this.root.ownerDocument.body.classList.toggle("chat-docked", open);
    this.parts.launcher.setAttribute("aria-expanded", String(open));
    this.store.open = open;
  }

  /** Open the dialog; focus moves to the message box unless restoring after a reload. */
  open({ focus = true } = {}) {
    const { input } = this.parts;
    if (!this.isOpen) this.opener = document.activeElement;
    this.setOpen(true);
    this.setUnread(0);
    this.scrollToEnd();
    if (focus) input.focus();
    if (!this.connection.ready && !this.store.sessionId) this.connection.connect(null);
  }

  close() {
    const { launcher } = this.parts;
    this.setOpen(false);
    const back = this.opener && this.opener.isConnected && this.opener !== document.body ? this.opener : launcher;
    back.focus();
  }

  /** Who is talking: ``identity`` is {token, student} when signed in, else null. */
  setIdentity(identity) {
    this.identity = identity;
    this.parts.identity.textContent = identity
      ? say("widget.signed_in_as", { name: identity.student.name })
      : say("widget.guest");
  }

  /** After sign-in: the same conversation goes on, now with the student's token. */
  noteSignedIn(name) {
    this.addEntry({ from: "system", text: say("widget.noted_signed_in", { name }) });
  }

  /** After sign-out: forget the conversation and start a new, anonymous session. */
  startOver() {
    this.store.clearConversation();
    this.parts.log.replaceChildren();
    this.hideTyping();
    this.language = pageLanguage;
    this.addEntry({ from: "system", text: say("widget.signed_out") });
    this.connection.connect(null);
  }

  /** Send ``text`` as the user's message (``payload`` when a button was ``clicked``: marked as
   * such, since a payload's words, "free only", say nothing of the learner's language). */
  send(text, payload = text, clicked = false) {
    if (!this.connection.ready) {
      this.onUnreachable();
      this.connection.retry();
      return false;
    }
    this.addEntry({ from: "user", text, language: this.language });
    this.connection.send(payload, this.identity?.token, this.language, clicked);
    // While an advisor is awaited, the assistant only acknowledges: no "typing" dots.
    if (!this.awaitingAdvisor) this.showTyping();
    return true;
  }

  onReady(sessionId) {
    this.store.sessionId = sessionId;
    this.hideAlert();
    const spoken = this.store.transcript.some((entry) => entry.from !== "system");
    if (!spoken) {
      this.connection.send("/greet", this.identity?.token, this.language);
      this.showTyping();
    }
  }

  onBotMessage(data) {
    const entry = entryFromBotMessage(data);
    if (!entry) return;
    const custom = data.custom || {};
    if (custom.from !== "advisor") this.awaitingAdvisor = custom.handoff === "waiting";
    this.hideTyping();
    if (entry.language && entry.language !== this.language) this.follow(entry.language);
    entry.language = entry.language || this.language;
    this.addEntry(entry);
    if (!this.isOpen) this.setUnread(this.unread + 1);
  }

  /** The assistant now replies in ``language``: send it from now on, and say so in it. */
  follow(language) {
    this.language = language;
    this.store.language = { page: pageLanguage, current: language };
    const replying = languages[language]?.replying;
    if (replying) this.addEntry({ from: "system", text: replying, language });
  }

  onUnreachable() {
    this.hideTyping();
    this.parts["alert-text"].textContent = say("widget.unreachable");
    this.parts.alert.hidden = false;
  }

  hideAlert() {
    this.parts.alert.hidden = true;
  }

  addEntry(entry) {
    this.store.append(entry);
    this.show(entry);
  }

  show(entry) {
    this.parts.log.append(renderEntry(entry, (choice) => this.send(choice.title, choice.payload, true)));
    this.scrollToEnd();
  }

  showTyping() {
    clearTimeout(this.typingTimer);
    this.parts.typing.hidden = false;
    this.typingTimer = setTimeout(() => this.hideTyping(), TYPING_LIMIT_MS);
    this.scrollToEnd();
  }

  hideTyping() {
    clearTimeout(this.typingTimer);
    this.parts.typing.hidden = true;
  }

  setUnread(count) {
    this.unread = count;
    const badge = this.parts.unread;
    badge.hidden = count === 0;
    badge.textContent = say("widget.unread", { count });
  }

  scrollToEnd() {
    const { log } = this.parts;
    log.scrollTop = log.scrollHeight;
  }
}

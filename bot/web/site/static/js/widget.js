/**
 * The chat widget: a launcher button and a non-modal dialog holding the conversation.
 *
 * Keyboard: the launcher opens it and focus moves to the message box; Escape or the close
 * button closes it and focus goes back to what opened it. New messages land in an
 * aria-live log; a typing indicator shows while the assistant is answering; an alert
 * with "Try again" says when the server can't be reached.
 */
import { entryFromBotMessage, renderEntry } from "./messages.js";

const UNREACHABLE = "We can't reach the assistant right now. Check your connection, then try again.";
/** The assistant may stay quiet on purpose (an advisor has the conversation), so the dots stop. */
const TYPING_LIMIT_MS = 10000;

export class ChatWidget {
  constructor(root, { store, connectTo }) {
    this.store = store;
    this.identity = null;
    this.unread = 0;
    this.opener = null;
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

  /** Open the dialog; focus moves to the message box unless restoring after a reload. */
  open({ focus = true } = {}) {
    const { panel, launcher, input } = this.parts;
    if (!this.isOpen) this.opener = document.activeElement;
    panel.hidden = false;
    this.root.classList.add("chat-open");
    launcher.setAttribute("aria-expanded", "true");
    this.store.open = true;
    this.setUnread(0);
    this.scrollToEnd();
    if (focus) input.focus();
    if (!this.connection.ready && !this.store.sessionId) this.connection.connect(null);
  }

  close() {
    const { panel, launcher } = this.parts;
    panel.hidden = true;
    this.root.classList.remove("chat-open");
    launcher.setAttribute("aria-expanded", "false");
    this.store.open = false;
    const back = this.opener && this.opener.isConnected && this.opener !== document.body ? this.opener : launcher;
    back.focus();
  }

  /** Who is talking: ``identity`` is {token, student} when signed in, else null. */
  setIdentity(identity) {
    this.identity = identity;
    this.parts.identity.textContent = identity ? `Signed in as ${identity.student.name}` : "Guest (not signed in)";
  }

  /** After sign-in: the same conversation goes on, now with the student's token. */
  noteSignedIn(name) {
    this.addEntry({ from: "system", text: `You're signed in as ${name}. You can now ask about your own progress.` });
  }

  /** After sign-out: forget the conversation and start a new, anonymous session. */
  startOver() {
    this.store.clearConversation();
    this.parts.log.replaceChildren();
    this.hideTyping();
    this.addEntry({ from: "system", text: "You signed out, so this conversation was cleared. A new one starts here." });
    this.connection.connect(null);
  }

  /** Send ``text`` as the user's message (``payload`` when a button was clicked). */
  send(text, payload = text) {
    if (!this.connection.ready) {
      this.onUnreachable();
      this.connection.retry();
      return false;
    }
    this.addEntry({ from: "user", text });
    this.connection.send(payload, this.identity?.token);
    this.showTyping();
    return true;
  }

  onReady(sessionId) {
    this.store.sessionId = sessionId;
    this.hideAlert();
    const spoken = this.store.transcript.some((entry) => entry.from !== "system");
    if (!spoken) {
      this.connection.send("/greet", this.identity?.token);
      this.showTyping();
    }
  }

  onBotMessage(data) {
    const entry = entryFromBotMessage(data);
    if (!entry) return;
    this.hideTyping();
    this.addEntry(entry);
    if (!this.isOpen) this.setUnread(this.unread + 1);
  }

  onUnreachable() {
    this.hideTyping();
    this.parts["alert-text"].textContent = UNREACHABLE;
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
    this.parts.log.append(renderEntry(entry, (choice) => this.send(choice.title, choice.payload)));
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
    badge.textContent = count === 1 ? "1 new message" : `${count} new messages`;
  }

  scrollToEnd() {
    const { log } = this.parts;
    log.scrollTop = log.scrollHeight;
  }
}

/**
 * What the page keeps across a reload, in sessionStorage (so closing the tab forgets it):
 * the Rasa session id, the transcript, whether the chat was open, the conversation's language,
 * and the signed-in student.
 */
const KEYS = {
  sessionId: "microcred.chat.sessionId",
  transcript: "microcred.chat.transcript",
  open: "microcred.chat.open",
  language: "microcred.chat.language",
  identity: "microcred.identity",
};

function read(key, fallback) {
  try {
    const raw = sessionStorage.getItem(key);
    return raw === null ? fallback : JSON.parse(raw);
  } catch {
    return fallback;
  }
}

function write(key, value) {
  try {
    if (value === null || value === undefined) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the conversation still works, it just won't survive a reload.
  }
}

export const store = {
  get sessionId() { return read(KEYS.sessionId, null); },
  set sessionId(id) { write(KEYS.sessionId, id); },

  get transcript() { return read(KEYS.transcript, []); },
  append(entry) { write(KEYS.transcript, [...this.transcript, entry]); },

  get open() { return read(KEYS.open, false); },
  set open(isOpen) { write(KEYS.open, isOpen); },

  /** {page, current}: the language the conversation is in (``current``, "fr"), adopted from
   * the assistant's replies while the page was in ``page``; null when never changed. */
  get language() { return read(KEYS.language, null); },
  set language(language) { write(KEYS.language, language); },

  /** {token, expiresAt, student: {student_id, name, program}} or null. */
  get identity() { return read(KEYS.identity, null); },
  set identity(identity) { write(KEYS.identity, identity); },

  /** Forget the conversation (not the sign-in): the next connection starts a new session. */
  clearConversation() {
    write(KEYS.sessionId, null);
    write(KEYS.transcript, null);
    write(KEYS.language, null);
  },
};

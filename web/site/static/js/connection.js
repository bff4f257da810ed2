/**
 * The socket.io link to the Rasa server's socketio channel: the session_request /
 * session_confirm handshake (the session id survives reloads), user_uttered with the
 * session token and the conversation's language in customData (the channel's metadata),
 * bot_uttered back, and word when the server can't be reached.
 * A lost or refused connection is retried for as long as the page is open, with an
 * exponential back-off (1 s doubling to 15 s, randomised), and the session resumes.
 */
import { io } from "/static/vendor/socket.io.esm.min.js";

const CONNECT_TIMEOUT_MS = 5000;
const RECONNECT_FIRST_MS = 1000;
const RECONNECT_MAX_MS = 15000;

export class RasaConnection {
  /**
   * @param {string} url the Rasa server's public address
   * @param {{onReady: (sessionId: string) => void, onMessage: (data: object) => void,
   *          onUnreachable: () => void}} handlers
   */
  constructor(url, { onReady, onMessage, onUnreachable }) {
    this.ready = false;
    this.requestedSession = null;
    // WebSocket only: it needs no CORS set-up on the Rasa server, unlike long-polling.
    this.socket = io(url, {
      autoConnect: false,
      transports: ["websocket"],
      timeout: CONNECT_TIMEOUT_MS,
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: RECONNECT_FIRST_MS,
      reconnectionDelayMax: RECONNECT_MAX_MS,
      randomizationFactor: 0.5,
    });
    this.socket.on("connect", () => {
      this.socket.emit("session_request", { session_id: this.requestedSession });
    });
    this.socket.on("session_confirm", (sessionId) => {
      this.requestedSession = sessionId;
      this.ready = true;
      onReady(sessionId);
    });
    this.socket.on("bot_uttered", onMessage);
    this.socket.on("connect_error", () => {
      this.ready = false;
      onUnreachable();
    });
    this.socket.on("disconnect", (reason) => {
      this.ready = false;
      if (reason === "io client disconnect") return;
      onUnreachable();
      // The server closed the socket itself (say, on its way down): socket.io leaves the
      // reconnecting to us, so hand it back to the manager's back-off.
      if (reason === "io server disconnect") this.socket.connect();
    });
  }

  /** Connect (or reconnect), resuming ``sessionId`` when given, else starting a new session. */
  connect(sessionId) {
    this.requestedSession = sessionId;
    this.ready = false;
    this.socket.disconnect().connect();
  }

  /** Try again now (not after the back-off delay) when the server could not be reached. */
  retry() {
    if (!this.socket.connected) this.socket.disconnect().connect();
  }

  /** Send what the user typed (or a button's payload, ``button`` true), in ``language``
   * ("es"), with the session token if signed in. */
  send(message, token, language, button = false) {
    const customData = { language, ...(token ? { token } : {}), ...(button ? { button: true } : {}) };
    this.socket.emit("user_uttered", { message, session_id: this.requestedSession, customData });
  }
}

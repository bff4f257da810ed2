/**
 * The "Sign in" section: guest (prospective learner) by default; with demo sign-in on,
 * a list of the demo students and a button that asks the web service for a signed session
 * token. Sign-out forgets the token. Listeners get "change" events with the new identity.
 */
import { say } from "./strings.js";

export class Account extends EventTarget {
  constructor(root, { store, demoSignIn }) {
    super();
    this.store = store;
    this.find = (name) => root.querySelector(`[data-${name}]`);
    this.demoSignIn = demoSignIn;
    this.find("signin-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.signIn(this.find("signin-form").elements.student_id.value);
    });
    this.find("signout-button").addEventListener("click", () => this.signOut());
  }

  /** The signed-in identity {token, expiresAt, student}, or null for a guest. */
  get identity() {
    const identity = this.store.identity;
    return identity && Date.parse(identity.expiresAt) > Date.now() ? identity : null;
  }

  async init() {
    if (this.store.identity && !this.identity) {
      this.store.identity = null;
      this.showError(say("site.account.expired"));
    }
    if (this.demoSignIn) await this.loadStudents();
    this.render();
  }

  async loadStudents() {
    const select = this.find("signin-form").elements.student_id;
    try {
      const { students } = await this.request("GET", "/api/demo/students");
      select.replaceChildren(
        ...students.map((student) => new Option(`${student.name} (${student.student_id}), ${student.program}`, student.student_id)),
      );
    } catch (error) {
      this.showError(say("site.account.students_failed", { error: error.message }));
    }
  }

  async signIn(studentId) {
    this.showError("");
    try {
      const reply = await this.request("POST", "/api/demo/sign-in", { student_id: studentId });
      this.store.identity = { token: reply.token, expiresAt: reply.expires_at, student: reply.student };
    } catch (error) {
      this.showError(say("site.account.sign_in_failed", { error: error.message }));
      return;
    }
    this.render();
    this.dispatchEvent(new CustomEvent("change", { detail: this.identity }));
  }

  signOut() {
    this.store.identity = null;
    this.render();
    this.find("signin-form").elements.student_id?.focus();
    this.dispatchEvent(new CustomEvent("change", { detail: null }));
  }

  render() {
    const identity = this.identity;
    this.find("account-guest").hidden = Boolean(identity);
    this.find("account-student").hidden = !identity;
    if (identity) {
      const { name, student_id: id, program } = identity.student;
      this.find("account-name").textContent = `${name} (${id}), ${program}`;
    }
    this.find("signin-form").hidden = Boolean(identity) || !this.demoSignIn;
    this.find("signin-unavailable").hidden = Boolean(identity) || this.demoSignIn;
    this.find("signout").hidden = !identity;
  }

  showError(message) {
    const error = this.find("account-error");
    error.textContent = message;
    error.hidden = !message;
  }

  async request(method, url, body) {
    const response = await fetch(url, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const reply = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(reply.error || `the server answered ${response.status}`);
    return reply;
  }
}

/** Wires the page together: the sign-in section, the chat widget and the "open the chat" buttons. */
import { Account } from "./account.js";
import { RasaConnection } from "./connection.js";
import { store } from "./store.js";
import { ChatWidget } from "./widget.js";

const { rasaUrl, demoSignin } = document.body.dataset;

const account = new Account(document.querySelector("#account"), { store, demoSignIn: demoSignin === "on" });
const widget = new ChatWidget(document.querySelector("[data-chat]"), {
  store,
  connectTo: (handlers) => new RasaConnection(rasaUrl, handlers),
});
widget.setIdentity(account.identity);

account.addEventListener("change", ({ detail: identity }) => {
  widget.setIdentity(identity);
  if (identity) widget.noteSignedIn(identity.student.name);
  else widget.startOver();
});

for (const button of document.querySelectorAll("[data-open-chat]")) {
  button.addEventListener("click", () => widget.open());
}

await account.init();

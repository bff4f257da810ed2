"""Who is talking: students' signed session tokens and the claims the channels sign from them,
socket.io session handles, and advisors' accounts, passwords and sign-in throttling."""

"""``python -m bot web serve``: run the student-services site and advisor console."""

from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser("web", help="run the web service (site and advisor console)")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve on --host/--port")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.set_defaults(handler=_serve)


def _serve(args) -> int:
    from bot.production import ensure_ready
    from web.app import create_app

    ensure_ready("the web service")
    create_app().run(host=args.host, port=args.port, workers=1, access_log=False)
    return 0

"""``python -m bot token issue STUDENT_ID``: print a demo session token for a known student."""

from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser("token", help="issue demo session tokens for signed-in students")
    commands = parser.add_subparsers(dest="command", required=True)
    issue = commands.add_parser("issue", help="print a signed session token for a student in the database")
    issue.add_argument("student_id", metavar="STUDENT_ID", help="a student id such as S1001")
    issue.add_argument("--minutes", type=int, default=60, help="how long the token is valid (default 60)")
    issue.set_defaults(handler=_issue)


def _issue(args) -> int:
    from bot.db import create_schema
    from bot.errors import CommandError
    from bot.identity.tokens import IdentityError, issue_token

    create_schema()
    try:
        print(issue_token(args.student_id, minutes=args.minutes))
    except IdentityError as error:
        raise CommandError(str(error)) from None
    return 0

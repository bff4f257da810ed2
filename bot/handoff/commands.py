"""``python -m bot advisors create EMAIL --name NAME`` and ``python -m bot handoff retry-notifications``."""

from __future__ import annotations

import getpass
import sys


def register(subparsers) -> None:
    advisors = subparsers.add_parser("advisors", help="advisor accounts for the advisor console")
    commands = advisors.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="create an advisor account (asks for the password)")
    create.add_argument("email", metavar="EMAIL")
    create.add_argument("--name", required=True, help="the name learners see on the advisor's replies")
    create.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input",
    )
    create.set_defaults(handler=_create_advisor)

    handoff = subparsers.add_parser("handoff", help="cases handed to advisors")
    commands = handoff.add_subparsers(dest="command", required=True)
    retry = commands.add_parser(
        "retry-notifications", help="send advisors every case whose webhook notification has not got through"
    )
    retry.set_defaults(handler=_retry_notifications)


def _read_password(from_stdin: bool) -> str:
    from bot.errors import CommandError

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password: ")
    if getpass.getpass("Repeat the password: ") != password:
        raise CommandError("the passwords do not match")
    return password


def _create_advisor(args) -> int:
    from bot.db import create_schema
    from bot.errors import CommandError
    from bot.identity.advisors import AdvisorError, create_advisor
    from bot.identity.passwords import PasswordError

    create_schema()
    try:
        advisor = create_advisor(args.email, args.name, _read_password(args.password_stdin))
    except (AdvisorError, PasswordError) as error:
        raise CommandError(str(error)) from None
    print(f"created advisor {advisor.name} <{advisor.email}>")
    return 0


def _retry_notifications(args) -> int:
    from bot.config import Settings
    from bot.db import create_schema
    from bot.errors import CommandError
    from bot.handoff.cases import get_case
    from bot.handoff.notify import NOT_CONFIGURED, retry_due

    settings = Settings.from_env()
    if not settings.advisor_webhook_url:
        raise CommandError(NOT_CONFIGURED)
    create_schema()
    outcomes = retry_due(settings, due_only=False, tries=3)
    failed = [case_id for case_id, delivered in outcomes.items() if not delivered]
    print(f"notified advisors of {len(outcomes) - len(failed)} case(s); {len(failed)} still undelivered")
    for case_id in failed:
        print(f"  case #{case_id}: {get_case(case_id).notification_last_error}")
    return 1 if failed else 0

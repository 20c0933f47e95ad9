"""Signing in (tokens, refresh, the dashboard's cookie), API keys, store scope, the login limit, the audit
trail and the CLI that manages users and keys, on real PostgreSQL."""

import time
import uuid
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from fastcommerce.auth.cache import ActorCache
from fastcommerce.auth.models import ApiKey
from fastcommerce.auth.permissions import Permission, Role
from fastcommerce.auth.security import TokenKind, issue_token
from fastcommerce.auth.service import add_user, signing_secret
from fastcommerce.cli import app as cli
from fastcommerce.config import get_settings
from fastcommerce.db import utcnow
from tests.conftest import api_key, bearer
from tests.factories import stocked_store
from tests.replenishment.world import PLANNING_AT, make_world

PASSWORD = "correct horse battery"
TRUST_S = 1.0
"""How long the tests' API trusts a key or a user it has looked up (FC_AUTH_CACHE_SECONDS is 5)."""


def new_user(session: Session, role: Role = Role.VIEWER, stores: list[str] | None = None) -> str:
    username = f"u-{uuid.uuid4().hex[:8]}"
    add_user(session, username, PASSWORD, role, stores or [])
    session.flush()
    return username


@pytest.fixture
def anonymous(client: TestClient) -> TestClient:
    client.headers.pop("Authorization")
    return client


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> dict[str, str]:
    answer = client.post("/api/auth/token", data={"username": username, "password": password})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["token_type"] == "bearer"
    return {"Authorization": f"Bearer {body['access_token']}", "refresh": body["refresh_token"]}


def test_the_password_form_gives_a_bearer_token_that_says_who_signed_in(
    anonymous: TestClient, session: Session
) -> None:
    username = new_user(session, Role.PLANNER)
    assert anonymous.get("/api/stores").status_code == 401
    tokens = sign_in(anonymous, username)
    me = anonymous.get("/api/auth/me", headers={"Authorization": tokens["Authorization"]}).json()
    assert (me["name"], me["role"], me["stores"]) == (username, "planner", None)
    assert "plans:write" in me["permissions"] and "audit:read" not in me["permissions"]

    wrong = anonymous.post("/api/auth/token", data={"username": username, "password": "not it at all"})
    assert (wrong.status_code, wrong.headers["www-authenticate"]) == (401, "Bearer")
    assert wrong.json()["detail"][0]["type"] == "unauthenticated"
    nobody = anonymous.post("/api/auth/token", data={"username": "nobody-at-all", "password": PASSWORD})
    assert (nobody.status_code, nobody.json()) == (401, wrong.json())  # no telling who exists


def test_refresh_gives_new_tokens_and_only_a_refresh_token_refreshes(
    anonymous: TestClient, session: Session
) -> None:
    tokens = sign_in(anonymous, new_user(session))
    renewed = anonymous.post("/api/auth/refresh", json={"refresh_token": tokens["refresh"]})
    assert renewed.status_code == 200
    access = renewed.json()["access_token"]
    assert anonymous.get("/api/stores", headers={"Authorization": f"Bearer {access}"}).status_code == 200
    as_refresh = anonymous.post("/api/auth/refresh", json={"refresh_token": access})
    assert as_refresh.status_code == 401 and "not a refresh token" in as_refresh.text
    refresh_as_access = {"Authorization": f"Bearer {tokens['refresh']}"}
    assert anonymous.get("/api/stores", headers=refresh_as_access).status_code == 401


def test_an_expired_or_forged_token_and_a_disabled_user_are_refused(
    anonymous: TestClient, session: Session
) -> None:
    username = new_user(session)
    secret = signing_secret(get_settings())
    expired = issue_token(
        secret, username, TokenKind.ACCESS, utcnow() - timedelta(hours=1), timedelta(minutes=15)
    )
    answer = anonymous.get("/api/stores", headers={"Authorization": f"Bearer {expired}"})
    assert answer.status_code == 401 and "expired" in answer.text
    forged = issue_token("not the secret " * 4, username, TokenKind.ACCESS, utcnow(), timedelta(minutes=15))
    assert anonymous.get("/api/stores", headers={"Authorization": f"Bearer {forged}"}).status_code == 401

    tokens = sign_in(anonymous, username)
    session.execute(text("UPDATE app_user SET disabled = true WHERE username = :u"), {"u": username})
    answer = anonymous.get("/api/stores", headers={"Authorization": tokens["Authorization"]})
    assert answer.status_code == 401 and "disabled" in answer.text
    refused = anonymous.post("/api/auth/token", data={"username": username, "password": PASSWORD})
    assert refused.status_code == 401


def test_the_dashboards_session_is_an_http_only_cookie_until_logout(
    anonymous: TestClient, session: Session
) -> None:
    username = new_user(session, Role.STORE_MANAGER, [stocked_store(session, 1)[1].code])
    signed_in = anonymous.post("/api/auth/login", json={"username": username, "password": PASSWORD})
    assert signed_in.status_code == 200 and signed_in.json()["role"] == "store_manager"
    cookie = signed_in.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "fc_session=" in cookie
    assert anonymous.get("/api/auth/me").json()["name"] == username
    assert anonymous.post("/api/auth/logout").status_code == 204
    assert anonymous.get("/api/auth/me").status_code == 401


def test_failed_sign_ins_are_limited_per_user_and_address(anonymous: TestClient, session: Session) -> None:
    username = new_user(session)
    limit = get_settings().login_attempts_per_minute
    for _ in range(limit):
        assert (
            anonymous.post("/api/auth/login", json={"username": username, "password": "wrong!!!"}).status_code
            == 401
        )
    blocked = anonymous.post("/api/auth/login", json={"username": username, "password": PASSWORD})
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    assert blocked.json()["detail"][0]["loc"] == ["body", "username"]
    assert sign_in(anonymous, new_user(session))  # someone else is not held up


def test_an_api_key_acts_within_its_scopes_until_revoked(anonymous: TestClient, session: Session) -> None:
    home, _, sku = stocked_store(session, 5)
    key = api_key(session, Permission.ORDERS_WRITE)
    order = {"order_id": "K-1", "pincode": home.pincode, "lines": [{"sku": sku, "qty": 1}]}
    assert anonymous.post("/api/orders", json=order, headers=key).status_code == 201
    as_bearer = {"Authorization": f"Bearer {key['X-API-Key']}"}
    assert (
        anonymous.post("/api/orders", json={**order, "order_id": "K-2"}, headers=as_bearer).status_code == 201
    )
    denied = anonymous.get("/api/stores", headers=key)
    assert denied.status_code == 403 and "needs read" in denied.text

    [row] = session.scalars(select(ApiKey).where(ApiKey.prefix == key["X-API-Key"].split("_")[1])).all()
    secret = key["X-API-Key"].split("_", 2)[2]
    assert secret not in (row.secret_sha256, row.prefix) and len(row.secret_sha256) == 64
    audit = anonymous.get(
        "/api/audit", headers=bearer(session, Role.ADMIN), params={"actor": f"api-key:{row.name}"}
    )
    assert [e["action"] for e in audit.json()] == ["stock.sale", "stock.sale"]

    # An API process trusts a key it has looked up for a while (FC_AUTH_CACHE_SECONDS), then no more.
    anonymous.app.state.actors = ActorCache(TRUST_S)
    assert anonymous.post("/api/orders", json={**order, "order_id": "K-3"}, headers=key).status_code == 201
    row.revoked_at = utcnow()
    session.flush()
    assert anonymous.post("/api/orders", json={**order, "order_id": "K-4"}, headers=key).status_code == 201
    time.sleep(TRUST_S)
    assert anonymous.post("/api/orders", json={**order, "order_id": "K-5"}, headers=key).status_code == 401
    assert anonymous.post("/api/orders", json=order, headers={"X-API-Key": "fc_nope_nope"}).status_code == 401


def test_a_store_manager_acts_at_their_stores_only(client: TestClient, session: Session) -> None:
    world = make_world(session, stores=2, skus=1)
    mine, theirs = (s.code for s in world.stores)
    manager = bearer(session, Role.STORE_MANAGER, [mine])
    sku = world.skus[0]
    receipt = {"kind": "receipt", "sku": sku, "qty": 3}
    assert client.post(f"/api/stores/{mine}/movements", json=receipt, headers=manager).status_code == 201
    refused = client.post(f"/api/stores/{theirs}/movements", json=receipt, headers=manager)
    assert refused.status_code == 403 and refused.json()["detail"][0]["loc"] == ["path", "code"]
    transfer = {"from_store": mine, "to_store": theirs, "sku": sku, "qty": 1}
    refused = client.post("/api/transfers", json=transfer, headers=manager)
    assert refused.status_code == 403 and refused.json()["detail"][0]["loc"] == ["body", "to_store"]

    assert client.post("/api/replenishment/run", json={"wave": PLANNING_AT.isoformat()}).status_code == 200
    plans = {p["store_code"]: p for p in client.get("/api/restock-plans").json()}
    for code in (mine, theirs):
        for action in ("approve", "dispatch"):
            assert client.post(f"/api/restock-plans/{plans[code]['id']}/{action}").status_code == 200
    receive = {"lines": [{"sku": sku, "qty": 1}]}
    theirs_plan = client.post(
        f"/api/restock-plans/{plans[theirs]['id']}/receive", json=receive, headers=manager
    )
    assert theirs_plan.status_code == 403
    mine_plan = client.post(f"/api/restock-plans/{plans[mine]['id']}/receive", json=receive, headers=manager)
    assert mine_plan.status_code == 200 and mine_plan.json()["history"][-1]["status"] == "partially_received"
    assert client.post(f"/api/restock-plans/{plans[mine]['id']}/approve", headers=manager).status_code == 403
    assert level_of(session, theirs, sku) == 2  # nothing the refusals touched moved


def level_of(session: Session, store: str, sku: str) -> int:
    return int(
        session.execute(
            text(
                "SELECT l.on_hand FROM stock_level l JOIN store s ON s.id = l.store_id"
                " JOIN sku k ON k.id = l.sku_id WHERE s.code = :store AND k.sku = :sku"
            ),
            {"store": store, "sku": sku},
        ).scalar_one()
    )


def test_the_audit_trail_names_who_changed_what_newest_first(client: TestClient, session: Session) -> None:
    world = make_world(session, stores=1, skus=1)
    store, sku = world.stores[0].code, world.skus[0]
    planner_name = new_user(session, Role.PLANNER)
    planner = sign_in(client, planner_name)
    del planner["refresh"]
    rule = {"reorder_point": 4, "max_stock": 30}
    assert client.put(f"/api/stores/{store}/rules/{sku}", json=rule, headers=planner).status_code == 200
    assert (
        client.post(
            f"/api/stores/{store}/movements", json={"kind": "wastage", "sku": sku, "qty": 1}
        ).status_code
        == 201
    )
    assert (
        client.post(
            "/api/replenishment/run", json={"wave": PLANNING_AT.isoformat()}, headers=planner
        ).status_code
        == 200
    )

    trail = client.get("/api/audit", params={"since": (PLANNING_AT - timedelta(hours=1)).isoformat()}).json()
    mine = [(e["actor"], e["action"], e["target"]) for e in trail if e["actor"] in (planner_name, "admin")]
    assert (planner_name, "rule.set", f"{store} {sku}") in mine
    assert ("admin", "stock.wastage", f"{store} {sku}") in mine
    assert any(a == planner_name and action == "plan.draft" for a, action, _ in mine)
    assert [e["at"] for e in trail] == sorted((e["at"] for e in trail), reverse=True)
    rules_only = client.get("/api/audit", params={"action": "rule.", "actor": planner_name}).json()
    assert [(e["action"], e["detail"]["max_stock"]) for e in rules_only] == [("rule.set", 30)]
    since = {"since": (PLANNING_AT - timedelta(hours=1)).isoformat()}
    first, second = (
        client.get("/api/audit", params={**since, "limit": 1, "offset": n}).json() for n in (0, 1)
    )
    assert first == trail[:1] and second == trail[1:2]
    assert client.get("/api/audit", headers=planner).status_code == 403


def test_the_cli_adds_lists_disables_users_and_makes_and_revokes_keys(
    committed: sessionmaker[Session], anonymous: TestClient
) -> None:
    anonymous.app.state.actors = ActorCache(TRUST_S)
    runner = CliRunner()
    added = runner.invoke(cli, ["users", "add", "meera", "--role", "viewer", "--password", PASSWORD])
    assert added.exit_code == 0, added.output
    assert (
        runner.invoke(cli, ["users", "add", "meera", "--role", "viewer", "--password", PASSWORD]).exit_code
        == 1
    )
    short = runner.invoke(cli, ["users", "add", "kiran", "--role", "viewer", "--password", "short"])
    assert short.exit_code == 1 and "at least 8 characters" in short.output
    listed = runner.invoke(cli, ["users", "list"])
    assert "meera: viewer" in listed.output and "enabled" in listed.output and "kiran" not in listed.output

    made = runner.invoke(
        cli, ["api-keys", "create", "storefront", "--scope", "orders:write", "--scope", "read"]
    )
    assert made.exit_code == 0, made.output
    key = made.output.strip().splitlines()[-1]
    assert key.startswith("fc_")
    assert anonymous.get("/api/stores", headers={"X-API-Key": key}).status_code == 200
    tokens = sign_in(anonymous, "meera")
    assert runner.invoke(cli, ["users", "disable", "meera"]).exit_code == 0
    assert runner.invoke(cli, ["api-keys", "revoke", "storefront"]).exit_code == 0
    assert anonymous.get("/api/stores", headers={"Authorization": tokens["Authorization"]}).status_code == 401
    time.sleep(TRUST_S)  # the key was used before: the API trusts it a while longer
    assert anonymous.get("/api/stores", headers={"X-API-Key": key}).status_code == 401
    with committed() as session:
        actions = session.scalars(
            text("SELECT action FROM audit_event WHERE actor = 'cli' ORDER BY id")
        ).all()
    assert actions == ["user.add", "api_key.create", "user.disable", "api_key.revoke"]
    assert "revoked" in runner.invoke(cli, ["api-keys", "list"]).output


def test_the_demo_makes_admin_with_the_password_given_or_a_random_one_shown_once(
    committed: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    from fastcommerce.auth.service import authenticate
    from fastcommerce.cli import _demo_admin

    settings = get_settings()
    _demo_admin(settings.model_copy(update={"demo_admin_password": None}))
    shown = capsys.readouterr().out
    [password] = [word for word in shown.split() if len(word) == 16]  # token_urlsafe(12)
    _demo_admin(settings.model_copy(update={"demo_admin_password": None}))
    assert password not in capsys.readouterr().out  # shown once only
    with committed() as session:
        assert authenticate(session, "admin", password) is not None

    given = SecretStr("the password given")
    _demo_admin(settings.model_copy(update={"demo_admin_password": given}))
    with committed() as session:
        assert authenticate(session, "admin", password) is None
        actor = authenticate(session, "admin", "the password given")
        assert actor is not None and actor.role == Role.ADMIN

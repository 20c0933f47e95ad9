"""What the HTTP boundary refuses before any router's code runs, in the one error shape of `errors.py`:
bodies over FC_MAX_BODY_BYTES (413), query parameters an operation does not take and control characters in
path or query parameters (422); how validation errors are answered (without echoing big input), and the
`Allow` header of a 405. `declare_errors` puts these answers in the OpenAPI document."""

import json
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fastcommerce.asgi import HttpMiddleware
from fastcommerce.bounds import control_character_problem
from fastcommerce.errors import ErrorBody

MAX_ECHO = 200
"""Characters of a refused value that a 422 repeats."""


def _error(loc: list[str | int], msg: str, type_: str, value: Any = None) -> dict[str, Any]:
    return {"loc": loc, "msg": msg, "type": type_, "input": value}


class BodySizeLimit(HttpMiddleware):
    """Refuses (413) a request body larger than `max_bytes`: at once when its Content-Length says so, else
    as soon as more has come (a chunked body); the app is called only with a body known to fit."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        super().__init__(app)
        self.max_bytes = max_bytes

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send, int(declared))
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                await self._refuse(scope, receive, send, None)
                return
            more = message.get("more_body", False)
        buffered: list[Message] = [{"type": "http.request", "body": bytes(body), "more_body": False}]

        async def replay() -> Message:
            return buffered.pop() if buffered else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, declared: int | None) -> None:
        size = f"{declared} bytes" if declared is not None else "more"
        detail = _error(["body"], f"the body is {size}; at most {self.max_bytes} are taken", "body_too_large")
        await JSONResponse({"detail": [detail]}, status_code=413)(scope, receive, send)


async def check_parameters(request: Request) -> None:
    """Every operation's dependency: no query parameter it does not take, no control character in a path or
    query parameter."""
    errors = []
    route = request.scope.get("route")
    if isinstance(route, APIRoute):
        taken = _query_names(route)
        errors += [
            _error(
                ["query", name],
                f"unknown query parameter; takes: {', '.join(sorted(taken)) or 'none'}",
                "extra_forbidden",
                name,
            )
            for name in dict.fromkeys(request.query_params)
            if name not in taken
        ]
    for where, items in (
        ("path", request.path_params.items()),
        ("query", request.query_params.multi_items()),
    ):
        for name, value in items:
            if isinstance(value, str) and (problem := control_character_problem(value)):
                errors.append(_error([where, name], problem, "control_character", value))
    if errors:
        raise RequestValidationError(errors)


def _query_names(route: APIRoute) -> frozenset[str]:
    names: set[str] = set()
    dependants = [route.dependant]
    while dependants:
        dependant = dependants.pop()
        dependants += dependant.dependencies
        for field in dependant.query_params:
            model = field.field_info.annotation
            if isinstance(model, type) and issubclass(model, BaseModel):
                names |= {f.alias or name for name, f in model.model_fields.items()}
            else:
                names.add(field.alias)
    return frozenset(names)


def _short(value: Any) -> Any:
    """The refused value as a 422 repeats it: text cut to MAX_ECHO characters, anything bigger dropped."""
    if isinstance(value, bytes):
        value = value[: MAX_ECHO * 4].decode(errors="replace")
    if isinstance(value, str):
        return value if len(value) <= MAX_ECHO else value[:MAX_ECHO] + "…"
    if isinstance(value, dict | list):
        return value if len(json.dumps(value, default=str)) <= MAX_ECHO else None
    return value


async def validation_error_handler(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = [_error(list(e["loc"]), e["msg"], e["type"], _short(e.get("input"))) for e in exc.errors()]
    return JSONResponse({"detail": detail}, status_code=422)


async def method_not_allowed(request: Request, _: Exception) -> JSONResponse:
    """405 with every method the path takes (as the OpenAPI document lists them): Starlette's names only
    those of the first route of the path."""
    path = request.url.path
    paths = request.app.openapi()["paths"]
    templates = [path] if path in paths else [t for t in paths if compile_path(t)[0].match(path)]
    allowed = sorted({method.upper() for template in templates for method in paths[template]})
    if "GET" in allowed:
        allowed = sorted({*allowed, "HEAD"})
    detail = _error(["method"], f"{path} takes {', '.join(allowed)}", "method_not_allowed", request.method)
    return JSONResponse({"detail": [detail]}, status_code=405, headers={"Allow": ", ".join(allowed)})


async def bad_request(_: Request, exc: Exception) -> JSONResponse:
    """FastAPI's 400 (a body that is not UTF-8 JSON) in the one error shape."""
    assert isinstance(exc, HTTPException)
    return JSONResponse({"detail": [_error(["body"], str(exc.detail), "body_not_json")]}, status_code=400)


_REFS = "#/components/schemas/"
_REFUSALS = {
    "413": "the body is larger than FC_MAX_BODY_BYTES",
    "422": "a parameter or the body is not valid",
}
_NOT_JSON = "the body is not UTF-8 JSON"


def amend_openapi(app: FastAPI, amend: Callable[[dict[str, Any]], None]) -> None:
    """`amend(schema)` changes the app's OpenAPI document once, when it is first generated."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            amend(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def declare_errors(app: FastAPI) -> None:
    """The OpenAPI document gives every operation the refusals above: 413 and 422 everywhere, 400 (a body
    that is not UTF-8 JSON) where a body is read; each in the one error shape."""

    def amend(schema: dict[str, Any]) -> None:
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        error_body = ErrorBody.model_json_schema(ref_template=f"{_REFS}{{model}}")
        schemas.update(error_body.pop("$defs"), ErrorBody=error_body)
        for name in ("HTTPValidationError", "ValidationError"):  # FastAPI's 422, which this one replaces
            schemas.pop(name, None)
        for operations in schema["paths"].values():
            for operation in operations.values():
                refusals = dict(_REFUSALS, **({"400": _NOT_JSON} if "requestBody" in operation else {}))
                for status, refusal in refusals.items():
                    own = operation["responses"].get(status, {}).get("description", "Validation Error")
                    operation["responses"][status] = {
                        "description": refusal if own == "Validation Error" else f"{refusal}; {own}",
                        "content": {"application/json": {"schema": {"$ref": f"{_REFS}ErrorBody"}}},
                    }

    amend_openapi(app, amend)


def guard(app: FastAPI, max_body_bytes: int) -> None:
    """Everything above, on `app` (whose operations depend on `check_parameters`)."""
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(400, bad_request)
    app.add_exception_handler(405, method_not_allowed)
    declare_errors(app)
